"""The bucket Slam makes for its packages gets safe defaults; a user's own
bucket is left as its owner set it."""

import pytest

NAME = "slam-function-example"
BUCKET = f"{NAME}-slam-packages"

EVERY_BLOCK = {
    "BlockPublicAcls": True,
    "IgnorePublicAcls": True,
    "BlockPublicPolicy": True,
    "RestrictPublicBuckets": True,
}


def _settings(s3, bucket):
    """Return the bucket's public access block, ownership and encryption."""
    block = s3.get_public_access_block(Bucket=bucket)
    ownership = s3.get_bucket_ownership_controls(Bucket=bucket)
    encryption = s3.get_bucket_encryption(Bucket=bucket)
    rules = encryption["ServerSideEncryptionConfiguration"]["Rules"]
    return (
        block["PublicAccessBlockConfiguration"],
        ownership["OwnershipControls"]["Rules"],
        [rule["ApplyServerSideEncryptionByDefault"] for rule in rules],
    )


def _change_code(project, marker):
    with open(project.cwd / "fizzbuzz.py", "a") as source:
        source.write(f"\n# {marker}\n")


def _has_policy(s3, bucket):
    try:
        s3.get_bucket_policy(Bucket=bucket)
        return True
    except s3.exceptions.ClientError as error:
        assert error.response["Error"]["Code"] == "NoSuchBucketPolicy"
        return False


def test_first_deploy_secures_the_bucket(function_slam, boto):
    result = function_slam("deploy")
    s3 = boto("s3")
    assert _settings(s3, BUCKET) == (
        EVERY_BLOCK,
        [{"ObjectOwnership": "BucketOwnerEnforced"}],
        [{"SSEAlgorithm": "AES256"}],
    )
    assert (f"bucket '{BUCKET}': bucket-owner ownership enforced, public "
            "access blocked, encrypted by default") in result.stderr
    # moto is plain http here: a TLS-only policy would lock slam out.
    assert not _has_policy(s3, BUCKET)
    assert "gets no policy denying requests without TLS" in result.stderr


def test_deploy_restores_what_was_taken_away(function_slam, boto):
    function_slam("deploy")
    s3 = boto("s3")
    s3.delete_public_access_block(Bucket=BUCKET)
    s3.delete_bucket_encryption(Bucket=BUCKET)
    _change_code(function_slam, "change")
    result = function_slam("deploy")
    assert _settings(s3, BUCKET)[0] == EVERY_BLOCK
    assert f"bucket '{BUCKET}': public access blocked, encrypted by default" \
        in result.stderr

    # Once all is in place, a deploy says nothing about the bucket.
    _change_code(function_slam, "again")
    assert f"bucket '{BUCKET}'" not in function_slam("deploy").stderr


def test_a_users_own_bucket_is_left_alone(function_slam, boto):
    s3 = boto("s3")
    s3.create_bucket(Bucket="my-own-bucket")
    config = function_slam.cwd / "slam.yaml"
    config.write_text(config.read_text().replace(
        "aws:\n", "aws:\n  s3_bucket: \"my-own-bucket\"\n", 1))
    result = function_slam("deploy")
    assert "bucket 'my-own-bucket':" not in result.stderr
    with pytest.raises(s3.exceptions.ClientError):
        s3.get_public_access_block(Bucket="my-own-bucket")
    with pytest.raises(s3.exceptions.ClientError):
        s3.get_bucket_ownership_controls(Bucket="my-own-bucket")
