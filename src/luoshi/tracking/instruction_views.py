"""批示: a leader instructs a task's lead department, or a department; the department answers."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from luoshi.tracking import cycle, services
from luoshi.tracking.models import Department, Instruction
from luoshi.tracking.permissions import is_leader, membership, user_of
from luoshi.tracking.views import task_in_scope


class InstructionForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Instruction"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Answer"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


def _leader(request: HttpRequest) -> None:
    if not is_leader(request.user):
        raise PermissionDenied


@require_POST
@login_required
def instruct_task(request: HttpRequest, task_id: int) -> HttpResponse:
    _leader(request)
    task = task_in_scope(request, task_id)
    form = InstructionForm(request.POST)
    if not form.is_valid() or task.lead is None:
        messages.error(request, _("Write the instruction; the task needs a lead department."))
        return redirect("tracking:task", task.pk)
    cycle.instruct(user_of(request), task.lead, form.cleaned_data["text"], task=task)
    messages.success(request, _("Instruction sent to %(name)s.") % {"name": task.lead.name})
    return redirect("tracking:task", task.pk)


@require_POST
@login_required
def instruct_department(request: HttpRequest, department_id: int) -> HttpResponse:
    _leader(request)
    department = get_object_or_404(Department.objects.visible_to(request.user), pk=department_id)
    form = InstructionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the instruction."))
        return redirect("tracking:department", department.pk)
    cycle.instruct(user_of(request), department, form.cleaned_data["text"])
    messages.success(request, _("Instruction sent to %(name)s.") % {"name": department.name})
    return redirect("tracking:department", department.pk)


@require_POST
@login_required
def answer_instruction(request: HttpRequest, instruction_id: int) -> HttpResponse:
    """The department's liaison answers a 批示 to the department."""
    member = membership(request.user)
    instruction = get_object_or_404(Instruction, pk=instruction_id)
    if member is None or member.department_id != instruction.department_id:
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the answer."))
        return redirect("tracking:my_department")
    try:
        cycle.answer(user_of(request), instruction.pk, form.cleaned_data["text"])
    except services.Conflict:
        messages.error(request, _("This instruction has been answered already."))
        return redirect("tracking:my_department")
    messages.success(request, _("Answer recorded."))
    return redirect("tracking:my_department")
