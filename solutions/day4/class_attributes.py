"""Class vs instance attributes: a playlist with one shared counter and per-instance songs.

An attribute can live on the class (one value, shared by every instance and every subclass,
found through attribute lookup: instance -> its class -> the base classes) or on the instance
(each object has its own). Two classic bugs live at that border:

* a mutable class attribute (``songs: list[str] = []`` in the class body) is *one* list that
  every instance appends to;
* ``self.created += 1`` does not update the class attribute: it reads the class's value and
  then creates an *instance* attribute with the result, which shadows the class's one from
  then on. (``type(self).created += 1`` has the same problem one level up: on a subclass
  instance it creates an attribute on the subclass.)

Write ``Playlist``:

* ``Playlist.created`` counts every ``Playlist`` ever constructed, instances of subclasses
  included. There is one counter: reading it through the class, any subclass or any instance
  gives the same number, at any time. It is declared ``ClassVar[int]``, so type checkers
  reject assigning it through an instance (``p.created = 0`` is a mypy error).
* ``Playlist.max_songs`` (a class attribute, default ``3``) is the default limit of songs per
  playlist. A subclass may set its own ``max_songs`` in its class body; changing
  ``Playlist.max_songs`` later changes the limit of every existing playlist that has no limit
  of its own. ``Playlist(name, max_songs=n)`` gives that one playlist its own limit (an
  instance attribute that shadows the class's one) and leaves every other playlist alone.
  ``0`` is a limit like any other, not "no limit given": ``Playlist(name, max_songs=0)`` (or a
  subclass whose ``max_songs`` is ``0``) is always full. Only ``None`` means "not given".
* ``songs`` is each playlist's own list of songs, in the order they were added.

Example::

    >>> before = Playlist.created
    >>> rock, jazz = Playlist("rock"), Playlist("jazz", max_songs=1)
    >>> rock.add("Paranoid")
    >>> rock.songs, jazz.songs
    (['Paranoid'], [])
    >>> Playlist.created - before, rock.created - before
    (2, 2)
    >>> rock.max_songs, jazz.max_songs
    (3, 1)
"""

from __future__ import annotations

from typing import ClassVar


class PlaylistFull(ValueError):
    """Raised by ``Playlist.add`` when the playlist already holds ``max_songs`` songs."""


class Playlist:
    """A named list of songs with a limit; see the module docstring for the attribute rules."""

    created: ClassVar[int] = 0
    max_songs: int = 3

    def __init__(self, name: str, *, max_songs: int | None = None) -> None:
        """Create an empty playlist and count it in ``Playlist.created``.

        Without ``max_songs`` the playlist has no limit of its own and follows its class's
        ``max_songs``; with it, the playlist's own limit shadows the class's.

        >>> Playlist("road trip").songs
        []
        """
        self.name = name
        self.songs: list[str] = []
        if max_songs is not None:
            self.max_songs = max_songs
        Playlist.created += 1

    def add(self, song: str) -> None:
        """Append ``song``; raise ``PlaylistFull`` (and add nothing) if the playlist is full.

        A playlist is full when it holds ``max_songs`` songs, the limit read at the time of
        the call (its own limit if it has one, else its class's).

        >>> solo = Playlist("solo", max_songs=1)
        >>> solo.add("Blue in Green")
        >>> solo.add("So What")
        Traceback (most recent call last):
        ...
        day4.class_attributes.PlaylistFull: playlist 'solo' is full
        """
        if len(self.songs) >= self.max_songs:
            raise PlaylistFull(f"playlist {self.name!r} is full")
        self.songs.append(song)
