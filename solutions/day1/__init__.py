"""Day 1 -- Python Basics & Philosophy.

The Zen of Python, everything being an object, duck typing, truthiness, ``None`` and
``is`` vs ``==``, mutability, the mutable-default-argument pitfall, what ``import`` really
does, and ``if __name__ == "__main__"``.
"""
