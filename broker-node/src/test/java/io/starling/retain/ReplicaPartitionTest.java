package io.starling.retain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaPartitionTest {

    private static final long LIMIT = Duration.ofSeconds(5).toNanos();
    private static final long ASKED = 1_000;

    @Test
    void firstReadIsUnansweredOnlyAfterTheLimit() {
        ReplicaPartition partition = new ReplicaPartition(0, RetainedMessages.inMemory());
        assertFalse(partition.unansweredOlderThan(ASKED + 10 * LIMIT, LIMIT), "never asked yet");

        partition.stateRequested(ASKED);

        assertFalse(partition.unansweredOlderThan(ASKED + LIMIT, LIMIT));
        assertTrue(partition.unansweredOlderThan(ASKED + LIMIT + 1, LIMIT));
    }

    @Test
    void answeredFirstReadIsNotAskedAgain() {
        ReplicaPartition partition = new ReplicaPartition(0, RetainedMessages.inMemory());
        partition.stateRequested(ASKED);

        assertTrue(partition.receiveState(new RetainedReplica.PartitionState(0, 0, 0, List.of(), true)));

        assertFalse(partition.unansweredOlderThan(ASKED + 10 * LIMIT, LIMIT));
    }
}
