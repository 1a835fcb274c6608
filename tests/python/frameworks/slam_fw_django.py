"""The probe routes on Django (settings configured here: no project)."""

import base64

import django
from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse

settings.configure(
    ROOT_URLCONF=__name__,
    ALLOWED_HOSTS=["*"],
    SECRET_KEY="tests only",
    USE_TZ=True,
)
django.setup()


def standards(request, name):
    return JsonResponse(
        {
            "name": name,
            "path": request.path_info,
            "script": request.META["SCRIPT_NAME"],
            "url": request.build_absolute_uri(reverse("standards", args=["x"])),
            "tags": request.GET.getlist("tag"),
            "cookie": request.COOKIES.get("a"),
            "scheme": request.scheme,
            "remote": request.META["REMOTE_ADDR"],
        }
    )


def go(request):
    return redirect(request.build_absolute_uri(reverse("standards", args=["x"])))


def form(request):
    return JsonResponse(
        {"name": request.POST["name"], "tags": request.POST.getlist("tag")}
    )


def upload(request):
    upload = request.FILES["file"]
    return JsonResponse(
        {
            "title": request.POST["title"],
            "filename": upload.name,
            "file": base64.b64encode(upload.read()).decode(),
        }
    )


def cookies(request):
    response = HttpResponse("ok")
    response.set_cookie("a", "1")
    response.set_cookie("b", "2")
    return response


urlpatterns = [
    path("v1/standards/<str:name>", standards, name="standards"),
    path("v1/go", go),
    path("v1/form", form),
    path("v1/upload", upload),
    path("v1/cookies", cookies),
]

from django.core.wsgi import get_wsgi_application  # noqa: E402  after setup

app = get_wsgi_application()
