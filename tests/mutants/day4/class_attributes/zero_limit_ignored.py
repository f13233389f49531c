"""Tests `if max_songs:`, so an explicit limit of 0 is ignored."""

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
        if max_songs:
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
