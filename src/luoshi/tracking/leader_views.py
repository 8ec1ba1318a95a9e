"""The leader's home (分管 portfolio), and change requests: a department asks for a 延期 or a
target change; the deciding leader (or, without LUOSHI_LEADER_APPROVAL, the office) decides."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from luoshi import status
from luoshi.tracking import leader_home, leaders, listing, services
from luoshi.tracking.leader_forms import ChangeRequestForm, DecisionForm
from luoshi.tracking.models import ChangeRequest, Instruction, Membership, Task
from luoshi.tracking.permissions import can_report, is_leader, membership, user_of
from luoshi.tracking.views import render_task, task_in_scope


@never_cache  # it records the visit, and shows what changed since the one before
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """A leader's home: their portfolio's 滞后/逾期/未报送, the trend by month, the tasks needing
    attention, the requests awaiting their decision and what changed since their last visit."""
    if not is_leader(request.user):
        raise PermissionDenied
    member: Membership = membership(request.user)
    departments = list(member.portfolio.order_by("name"))
    tasks = leader_home.portfolio_tasks(request.user, departments)
    context = {
        "departments": leader_home.by_department(tasks, departments),
        "trend": leader_home.trend(tasks),
        "chart": leader_home.chart_frame(),
        "watched": [listing.label(code) for code in leader_home.WATCHED],
        "statuses": [(listing.label(code), status.CSS[code]) for code in status.STATUSES],
        "attention": leader_home.attention(tasks),
        "changes": leader_home.changes(user_of(request), tasks, departments),
        "pending": leaders.pending_for(request.user),
        "decision": DecisionForm(),
        "unanswered": Instruction.objects.filter(author=user_of(request), answered_at__isnull=True)
        .select_related("task", "department")
        .order_by("created_at"),
    }
    return render(request, "tracking/leader_home.html", context)


@require_POST
@login_required
def request_change(request: HttpRequest, task_id: int) -> HttpResponse:
    """The lead department's liaison asks for a 延期 or a target change."""
    task = task_in_scope(request, task_id)
    if not can_report(request.user, task):
        raise PermissionDenied
    form = ChangeRequestForm(task, request.POST)
    if not form.is_valid():
        return render_task(request, task, change=form, status_code=400)
    leaders.request_change(user_of(request), task, form.cleaned_data)
    who = _("the leader overseeing your department") if leaders.approval_required() else None
    messages.success(
        request,
        _("Request sent; it applies once %(who)s approves it.")
        % {"who": who or _("the supervision office")},
    )
    return redirect("tracking:task", task.pk)


@require_POST
@login_required
def decide_change(request: HttpRequest, change_id: int) -> HttpResponse:
    """Approve or reject a pending request, with a note; only then does the revision apply."""
    changes = ChangeRequest.objects.filter(task__in=Task.objects.visible_to(request.user))
    change = get_object_or_404(changes.select_related("task"), pk=change_id)
    if not leaders.can_decide(request.user, change):
        raise PermissionDenied
    from_home = request.POST.get("next") == "home"
    back = redirect("tracking:leader") if from_home else redirect("tracking:task", change.task_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return back
    approve = form.cleaned_data["decision"] == "approve"
    try:
        leaders.decide(user_of(request), change.pk, approve, form.cleaned_data["note"])
    except services.Conflict:
        messages.error(request, _("This request has already been decided."))
        return back
    except leaders.Stale:
        messages.error(
            request,
            _("The deadline is already this late or later; reject the request with a note."),
        )
        return back
    messages.success(request, _("Request approved; the change applies.") if approve
                     else _("Request rejected."))  # fmt: skip
    return back
