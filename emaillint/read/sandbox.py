"""The bounded Jinja sandbox: templates are untrusted (a user's folder, a pulled repository).

Rendering for the linter (``read.rendering``) and for ``emaillint templates`` (``templates.catalog``)
goes through this one environment, so both see the same limits. Jinja2 is imported inside the
functions: importing this module stays cheap for drafts that are not templates.
"""
from __future__ import annotations

import contextvars
from typing import Any, Mapping


class TemplateError(Exception):
    """A template cannot be loaded, found or rendered; the message is one line."""


# Limits of the template sandbox: templates are untrusted (a user's folder, a pulled repository).
MAX_RANGE = 10_000  # items one range() may produce, and all of them together in one render
MAX_SEQUENCE = 100_000  # characters or items a * or + may produce
MAX_OUTPUT = 200_000  # characters one render may produce
MAX_RENDER_SECONDS = 2.0


class _Budget:
    """Work one render may do; exceeding it is a TemplateError (one line), not a hang."""

    def __init__(self) -> None:
        import time

        self.items = 0
        self.deadline = time.monotonic() + MAX_RENDER_SECONDS

    def spend(self, items: int) -> None:
        self.items += items
        if self.items > MAX_RANGE:
            raise TemplateError(f"the template loops over more than {MAX_RANGE:,} items in all (range() is bounded)")


def _sized(value) -> int | None:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else None


def environment():
    """The bounded Jinja sandbox every render and every lint of a template uses."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    class BoundedSandbox(SandboxedEnvironment):
        """Jinja's sandbox (no attribute escapes) plus bounds on work: range(), *, +, **, lipsum,
        output size, recursion and time. include/import/extends have nothing to load."""

        intercepted_binops = frozenset({"*", "**", "+"})

        def call_binop(self, context, operator, left, right):
            if operator == "**":
                if (isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1
                        and abs(left).bit_length() * right > 100_000):
                    raise TemplateError("the template computes a number too large (** is bounded)")
            elif operator == "*":
                for seq, times in ((left, right), (right, left)):
                    size = _sized(seq)
                    if size is not None and isinstance(times, int) and size * times > MAX_SEQUENCE:
                        raise TemplateError(f"the template builds a value over {MAX_SEQUENCE:,} long (* is bounded)")
            elif operator == "+":
                a, b = _sized(left), _sized(right)
                if a is not None and b is not None and a + b > MAX_SEQUENCE:
                    raise TemplateError(f"the template builds a value over {MAX_SEQUENCE:,} long (+ is bounded)")
            return super().call_binop(context, operator, left, right)

    def bounded_range(*args):
        budget = _BUDGET.get()
        items = range(*args)
        if budget is not None:
            budget.spend(len(items))
        elif len(items) > MAX_RANGE:
            raise TemplateError(f"range() over more than {MAX_RANGE:,} items")
        return items

    def no_lipsum(*args, **kwargs):
        raise TemplateError("lipsum() is not available in emaillint templates")

    def nothing_to_load(name):
        raise TemplateError(f"templates render on their own: {{% include %}}, {{% import %}} and {{% extends %}} "
                            f"are not supported ('{name}')")

    from jinja2 import FunctionLoader

    env = BoundedSandbox(
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        loader=FunctionLoader(nothing_to_load),
    )
    env.globals["range"] = bounded_range
    env.globals["lipsum"] = no_lipsum
    return env


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("emaillint_template_budget", default=None)


def bounded_render(template_obj, context: Mapping[str, Any]) -> str:
    """Render a compiled Jinja template within the sandbox's budget (items, output size, time, recursion)."""
    import sys
    import time

    from jinja2 import TemplateError as JinjaError

    budget = _Budget()
    token = _BUDGET.set(budget)

    def tracer(frame, event, arg):  # only the template's own frames are timed
        if frame.f_code.co_filename != "<template>":
            return None

        def local(frame, event, arg):
            if time.monotonic() > budget.deadline:
                raise TemplateError(f"the template takes more than {MAX_RENDER_SECONDS:g} s to render")
            return local
        return local

    previous = sys.gettrace()
    sys.settrace(tracer)
    out: list[str] = []
    size = 0
    try:
        for chunk in template_obj.generate(context):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise TemplateError(f"the template renders more than {MAX_OUTPUT:,} characters")
            out.append(chunk)
    except RecursionError:
        raise TemplateError("the template recurses too deeply (a macro calling itself?)") from None
    except MemoryError:
        raise TemplateError("the template needs too much memory to render") from None
    except (TemplateError, JinjaError):
        raise
    except Exception as exc:  # the template's own arithmetic: 1/0, float overflow, int("x")…
        raise TemplateError(f"the template cannot be rendered: {type(exc).__name__}: {exc}") from None
    finally:
        sys.settrace(previous)
        _BUDGET.reset(token)
    return "".join(out)
