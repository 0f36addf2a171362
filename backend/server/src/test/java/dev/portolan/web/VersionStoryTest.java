package dev.portolan.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VersionStoryTest {
    @Test
    void theServedConfigIsCurrentWhenItIsWhatTheLatestObjectsProduce() {
        var story = new VersionStory("abc", "abc", true).describe();
        assertEquals("current", story.get("state"));
        assertEquals("abc", story.get("version"));
        assertTrue(story.get("text").contains("serves config abc, the current one"), story.get("text"));
    }

    @Test
    void aProxyBehindNamesBothVersions() {
        var story = new VersionStory("new", "old", true).describe();
        assertEquals("behind", story.get("state"));
        assertTrue(story.get("text").contains("serves config old") && story.get("text").contains("config new"),
                story.get("text"));
    }

    @Test
    void noConfigYetAndRemoteProxies() {
        assertEquals("none", new VersionStory("abc", null, true).describe().get("state"));
        assertEquals("none", new VersionStory(null, null, false).describe().get("state"));
        var remote = new VersionStory("abc", null, false).describe();
        assertEquals("remote", remote.get("state"));
        assertTrue(remote.get("text").contains("/ready"), remote.get("text"));
    }
}
