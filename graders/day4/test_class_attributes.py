"""Grader for day4.class_attributes: one shared counter, per-instance songs, a live class default."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from day4 import class_attributes as kata


def raised(call: Callable[[], object]) -> BaseException | None:
    """The exception the call raised (None if it returned); a stub's NotImplementedError escapes."""
    try:
        call()
    except NotImplementedError:
        raise
    except Exception as exc:
        return exc
    return None


def fill(playlist: kata.Playlist, count: int) -> None:
    for n in range(count):
        playlist.add(f"song {n}")


def test_each_playlist_has_its_own_songs() -> None:
    rock = kata.Playlist("rock")
    jazz = kata.Playlist("jazz")
    rock.add("Paranoid")
    rock.add("Iron Man")
    jazz.add("So What")
    assert rock.songs == ["Paranoid", "Iron Man"], (
        "Playlist: songs are the playlist's own songs, in the order they were added"
    )
    assert jazz.songs == ["So What"], (
        "Playlist: two playlists must not share one songs list (no mutable class attribute)"
    )
    assert kata.Playlist("new").songs == [], "Playlist: a new playlist starts with no songs"


def test_created_counts_every_playlist_once() -> None:
    first = kata.Playlist("a")
    before = kata.Playlist.created
    kata.Playlist("b", max_songs=10)
    kata.Playlist("c")
    assert kata.Playlist.created - before == 2, (
        "Playlist.created: constructing a playlist adds one to the class's counter "
        "(self.created += 1 creates an instance attribute instead)"
    )
    assert first.created == kata.Playlist.created, (
        "Playlist.created: read through an instance, it is the one shared counter, even for "
        "an instance created before the others"
    )


def test_created_counts_subclass_instances_in_the_one_counter() -> None:
    class Radio(kata.Playlist):
        pass

    class Podcast(kata.Playlist):
        pass

    plain = kata.Playlist("plain")
    before = kata.Playlist.created
    Radio("fm")
    Podcast("talk")
    Radio("am")
    assert kata.Playlist.created - before == 3, (
        "Playlist.created: instances of subclasses are counted in Playlist.created too "
        "(type(self).created += 1 gives each subclass its own counter)"
    )
    counts = [Radio.created, Podcast.created, plain.created]
    assert counts == [kata.Playlist.created] * 3, (
        "Playlist.created: the class, every subclass and every instance read the same counter"
    )


def test_class_default_limit() -> None:
    playlist = kata.Playlist("default")
    fill(playlist, 3)
    error = raised(lambda: playlist.add("one too many"))
    assert isinstance(error, kata.PlaylistFull), (
        "Playlist.add: with the default max_songs of 3, the fourth song raises PlaylistFull"
    )
    assert isinstance(error, ValueError), "PlaylistFull is a ValueError"
    assert playlist.songs == ["song 0", "song 1", "song 2"], (
        "Playlist.add: a song refused because the playlist is full is not added"
    )
    assert kata.Playlist.max_songs == 3, "Playlist.max_songs: the class default is 3"


def test_changing_the_class_default_reaches_existing_playlists(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    existing = kata.Playlist("existing")
    own_limit = kata.Playlist("own", max_songs=2)
    monkeypatch.setattr(kata.Playlist, "max_songs", 5)
    fill(existing, 5)
    assert len(existing.songs) == 5, (
        "Playlist.max_songs: changing the class attribute changes the limit of existing "
        "playlists without a limit of their own (do not copy the default into each instance)"
    )
    assert isinstance(raised(lambda: existing.add("sixth")), kata.PlaylistFull), (
        "Playlist.add: the limit is the class's current max_songs (5 here)"
    )
    fill(own_limit, 2)
    assert isinstance(raised(lambda: own_limit.add("third")), kata.PlaylistFull), (
        "Playlist(max_songs=2): a playlist's own limit is not changed by the class attribute"
    )


def test_instance_limit_shadows_only_that_instance() -> None:
    short = kata.Playlist("short", max_songs=1)
    normal = kata.Playlist("normal")
    short.add("only")
    assert isinstance(raised(lambda: short.add("second")), kata.PlaylistFull), (
        "Playlist(max_songs=1): that playlist holds one song"
    )
    fill(normal, 3)
    assert len(normal.songs) == 3, (
        "Playlist(max_songs=n): one playlist's own limit leaves every other playlist alone"
    )
    assert (short.max_songs, normal.max_songs, kata.Playlist.max_songs) == (1, 3, 3), (
        "Playlist.max_songs: the instance's own limit shadows the class's only on that instance"
    )


def test_subclass_can_override_the_default_limit() -> None:
    class Single(kata.Playlist):
        max_songs = 1

    single = Single("single")
    single.add("a side")
    assert isinstance(raised(lambda: single.add("b side")), kata.PlaylistFull), (
        "Playlist.max_songs: a subclass's own class attribute is its instances' limit"
    )
    plain = kata.Playlist("plain")
    fill(plain, 3)
    assert len(plain.songs) == 3, "Playlist.max_songs: a subclass's limit does not leak upwards"


def raised_name(call: Callable[[], object]) -> str:
    """The name of the exception the call raised, or "nothing raised"."""
    error = raised(call)
    return "nothing raised" if error is None else type(error).__name__


def test_a_limit_of_zero_is_a_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    empty = kata.Playlist("empty", max_songs=0)
    assert raised_name(lambda: empty.add("anything")) == "PlaylistFull", (
        "Playlist(max_songs=0): 0 is a limit like any other, not 'no limit given' -- that "
        "playlist is always full"
    )
    monkeypatch.setattr(kata.Playlist, "max_songs", 5)
    assert (empty.max_songs, empty.songs) == (0, []), (
        "Playlist(max_songs=0): the playlist's own limit is 0, whatever the class's max_songs"
    )
    assert raised_name(lambda: empty.add("anything")) == "PlaylistFull", (
        "Playlist(max_songs=0): the playlist's own limit of 0 is not changed by the class "
        "attribute"
    )


def test_a_subclass_limit_of_zero_is_a_limit() -> None:
    class Closed(kata.Playlist):
        max_songs = 0

    closed = Closed("closed")
    assert raised_name(lambda: closed.add("anything")) == "PlaylistFull", (
        "Playlist.max_songs: a subclass whose max_songs is 0 is always full"
    )
    assert closed.songs == [], (
        "Playlist.add: a song refused because the playlist is full is not added"
    )
