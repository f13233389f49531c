"""Type cases for day4.class_attributes: the shared counter is a ClassVar."""

from typing import assert_type

from day4.class_attributes import Playlist

playlist = Playlist("rock", max_songs=5)
assert_type(Playlist.created, int)
assert_type(playlist.max_songs, int)
assert_type(playlist.songs, list[str])
playlist.max_songs = 4  # an instance may have its own limit
playlist.created = 0  # type: ignore[misc]
Playlist("jazz", max_songs="5")  # type: ignore[arg-type]
