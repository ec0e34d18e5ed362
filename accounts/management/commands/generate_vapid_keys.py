"""Make the key pair that signs notifications to people's devices (Web Push, VAPID).

Prints the environment lines to add to the installation's settings; nothing is stored.
Keep the private key as secret as FIELD_ENCRYPTION_KEYS. Changing the keys later
silently ends every device's subscription: people turn notifications on again.
"""

import base64

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.core.management.base import BaseCommand


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def generate() -> tuple[str, str]:
    """A P-256 key pair: the public key as an uncompressed point (what browsers take as
    `applicationServerKey`), the private key as its 32-byte number, both base64url."""
    private = ec.generate_private_key(ec.SECP256R1())
    public = private.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return _b64url(public), _b64url(private.private_numbers().private_value.to_bytes(32, "big"))


class Command(BaseCommand):
    help = "Print a new VAPID key pair for notifications on people's devices."

    def add_arguments(self, parser):
        parser.add_argument(
            "--subject",
            default="mailto:admin@example.org",
            help="How a push service can reach the installation's operator (mailto: or https:).",
        )

    def handle(self, *args, subject, **options):
        public, private = generate()
        self.stdout.write(f"VAPID_PUBLIC_KEY={public}")
        self.stdout.write(f"VAPID_PRIVATE_KEY={private}")
        self.stdout.write(f"VAPID_SUBJECT={subject}")
