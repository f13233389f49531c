"""Predicts that create_task() starts running the coroutine at once."""



def predictions() -> dict[str, list[str]]:
    """Return ``{snippet name: [the lines it prints, in order]}`` for every snippet above.

    Each line is a string exactly as ``print`` writes it, without the newline: a snippet
    doing ``print("x", 1)`` then ``print("done:", True)`` prints ``["x 1", "done: True"]``.
    A snippet whose output you leave out counts as wrong.

    >>> type(predictions()["call_soon_fifo"])
    <class 'list'>
    """
    return {
        # create_task() only queues the task's first step; it runs when main suspends at
        # sleep(0). A's own sleep(0) queues its second step behind main's wake-up.
        "task_starts_later": ["A start", "created", "main resumed", "A end", "main done"],
        # gather wraps both coroutines in tasks; each sleep(0) sends a task to the back of
        # the ready queue, so they take turns until b has finished.
        "sleep_zero_interleaves": ["a 0", "b 0", "a 1", "a 2", "done"],
        # `await quick()` runs quick inside main's own step (it never suspends), so `other`
        # gets its turn only at main's first real suspension, sleep(0).
        "await_coroutine_inline": ["quick", "after quick", "other", "after sleep"],
        # Both callbacks are queued before main's wake-up from sleep(0): FIFO.
        "call_soon_fifo": ["main", "soon 1", "soon 2", "main again"],
        # Timers fire by deadline: 1 s, then main's 1.5 s, then 2 s, then main's 2.5 s;
        # call_soon's callback runs at the loop's next turn, before any timer.
        "call_later_by_deadline": ["main", "soon", "later 1", "slept 1.5", "later 2", "slept 2.5"],
        # A done future's __await__ returns at once without yielding to the loop, so the
        # queued callback runs only at sleep(0).
        "done_future_no_switch": ["ready", "after await", "callback", "after sleep"],
        # set_result() queues the waiter's wake-up; it runs when main suspends at sleep(0),
        # before main's own wake-up, which was queued after it.
        "wake_after_set_result": ["waiting", "result set", "waiter got 1", "main end"],
        # The task ran (and failed) during main's sleep(0); the exception is kept in the task
        # and raised again by `await task`.
        "task_exception_at_await": ["created", "failing", "task done: True", "caught boom"],
        # cancel() marks the task; CancelledError is thrown in at `await asyncio.sleep(10)`,
        # runs the except and finally blocks, and re-raising makes the task cancelled.
        "cancel_at_await": ["working", "cancel requested", "cancelled", "cleanup", "main saw True"],
        # The task is cancelled before its first step: CancelledError is thrown into a
        # coroutine that never started, so not even its `try` is entered.
        "cancel_before_start": ["cancelled: True"],
    }
