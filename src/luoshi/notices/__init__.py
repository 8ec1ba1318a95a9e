"""Reminders and notifications: 临近提醒, 到期未报, 逾期, 未签收, 退回待重报 and the office's 催办.

Each is recorded once per task, department, period and kind, and delivered to an in-app message
centre, by e-mail and to the group robots of 企业微信 and 钉钉, through Django's Tasks framework
(django-tasks)."""
