package io.starling.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ScenarioTest {

    @Test
    void faninPublishersUseOwnTopicsUnderTheWildcardFilter() {
        assertEquals("lt/x/p0", Scenario.FANIN.publishTopic("lt/x", 0));
        assertNotEquals(Scenario.FANIN.publishTopic("lt/x", 0), Scenario.FANIN.publishTopic("lt/x", 1));
        assertEquals("lt/x/+", Scenario.FANIN.subscription("lt/x", false));
    }

    @Test
    void fanoutSubscribersSubscribeToThePublishedTopic() {
        assertEquals(Scenario.FANOUT.publishTopic("lt/x", 0), Scenario.FANOUT.subscription("lt/x", false));
    }

    @Test
    void sharedSubscriptionUsesTheShareGroupPrefix() {
        assertEquals("$share/starling-lt/lt/x/+", Scenario.FANIN.subscription("lt/x", true));
    }

    @Test
    void scenarioNamesParseCaseInsensitively() {
        assertEquals(Scenario.FANOUT, Scenario.parse("FanOut"));
        assertThrows(IllegalArgumentException.class, () -> Scenario.parse("fanabout"));
    }
}
