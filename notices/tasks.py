from celery import shared_task

from . import services


# Safe to rerun: each notice is claimed before its email, and send_once claims the email.
@shared_task(acks_late=True)
def deliver_notice_email(notice_id: int) -> bool:
    return services.deliver_email(notice_id)


@shared_task(acks_late=True)
def deliver_owed_notice_emails() -> int:
    return services.deliver_owed_emails()
