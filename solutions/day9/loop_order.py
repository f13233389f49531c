"""Predict the event loop: in which order do tasks, callbacks and awaits run?

asyncio runs one thing at a time, in one thread. The event loop keeps a FIFO queue of *ready*
callbacks and a heap of *timers*; each turn it moves the timers that are due into the queue and
runs what is queued. A task is a coroutine driven by such callbacks: each of its steps runs
until the coroutine *suspends* — awaits something that is not finished yet — and its next step
is queued when that thing finishes. Nothing else ever interrupts a running step.

Read each snippet below and write down, without running it, every line it prints, in order.
Then check your reasoning in a REPL if you like — the point is to be able to explain each
answer. Every snippet is a complete program, run on its own under Python 3.11+ (the timers
fire after the seconds they name: the grader runs them in virtual time).

``task_starts_later``::

    import asyncio

    async def worker(name):
        print(name, "start")
        await asyncio.sleep(0)
        print(name, "end")

    async def main():
        task = asyncio.create_task(worker("A"))
        print("created")
        await asyncio.sleep(0)
        print("main resumed")
        await task
        print("main done")

    asyncio.run(main())

``sleep_zero_interleaves``::

    import asyncio

    async def count(name, n):
        for i in range(n):
            print(name, i)
            await asyncio.sleep(0)

    async def main():
        await asyncio.gather(count("a", 3), count("b", 1))
        print("done")

    asyncio.run(main())

``await_coroutine_inline``::

    import asyncio

    async def quick():
        print("quick")

    async def other():
        print("other")

    async def main():
        task = asyncio.create_task(other())
        await quick()
        print("after quick")
        await asyncio.sleep(0)
        print("after sleep")
        await task

    asyncio.run(main())

``call_soon_fifo``::

    import asyncio

    async def main():
        loop = asyncio.get_running_loop()
        loop.call_soon(print, "soon 1")
        loop.call_soon(print, "soon 2")
        print("main")
        await asyncio.sleep(0)
        print("main again")

    asyncio.run(main())

``call_later_by_deadline``::

    import asyncio

    async def main():
        loop = asyncio.get_running_loop()
        loop.call_later(2, print, "later 2")
        loop.call_later(1, print, "later 1")
        loop.call_soon(print, "soon")
        print("main")
        await asyncio.sleep(1.5)
        print("slept 1.5")
        await asyncio.sleep(1)
        print("slept 2.5")

    asyncio.run(main())

``done_future_no_switch``::

    import asyncio

    async def main():
        loop = asyncio.get_running_loop()
        fut = loop.create_future()
        fut.set_result("ready")
        loop.call_soon(print, "callback")
        print(await fut)
        print("after await")
        await asyncio.sleep(0)
        print("after sleep")

    asyncio.run(main())

``wake_after_set_result``::

    import asyncio

    async def waiter(fut):
        print("waiting")
        print("waiter got", await fut)

    async def main():
        fut = asyncio.get_running_loop().create_future()
        task = asyncio.create_task(waiter(fut))
        await asyncio.sleep(0)
        fut.set_result(1)
        print("result set")
        await asyncio.sleep(0)
        print("main end")
        await task

    asyncio.run(main())

``task_exception_at_await``::

    import asyncio

    async def fail():
        print("failing")
        raise ValueError("boom")

    async def main():
        task = asyncio.create_task(fail())
        print("created")
        await asyncio.sleep(0)
        print("task done:", task.done())
        try:
            await task
        except ValueError as exc:
            print("caught", exc)

    asyncio.run(main())

``cancel_at_await``::

    import asyncio

    async def worker():
        try:
            print("working")
            await asyncio.sleep(10)
            print("never")
        except asyncio.CancelledError:
            print("cancelled")
            raise
        finally:
            print("cleanup")

    async def main():
        task = asyncio.create_task(worker())
        await asyncio.sleep(0)
        task.cancel()
        print("cancel requested")
        try:
            await task
        except asyncio.CancelledError:
            print("main saw", task.cancelled())

    asyncio.run(main())

``cancel_before_start``::

    import asyncio

    async def job():
        try:
            print("job started")
            await asyncio.sleep(1)
        finally:
            print("job cleanup")

    async def main():
        task = asyncio.create_task(job())
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            print("cancelled:", task.cancelled())

    asyncio.run(main())
"""


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
        "task_starts_later": ["created", "A start", "main resumed", "A end", "main done"],
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
