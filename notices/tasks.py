from celery import shared_task

from . import services


# Safe to rerun: each notice is claimed before its email, and send_once claims the email.
@shared_task(acks_late=True)
def deliver_notice_email(notice_id: int) -> bool:
    return services.deliver_email(notice_id)


@shared_task(acks_late=True)
def deliver_owed_notice_emails() -> int:
    return services.deliver_owed_emails()


# Safe to rerun: each device's notification is claimed (SentEmail.claim) before it goes.
# Only a failure other than "this device is gone" is tried again, a few times.
@shared_task(bind=True, acks_late=True, max_retries=3)
def deliver_notice_push(self, notice_id: int) -> int:
    outcome = services.deliver_push(notice_id)
    if outcome.failed and not self.request.is_eager and self.request.retries < self.max_retries:
        raise self.retry(countdown=60 * 2**self.request.retries)
    return outcome.sent
