package io.starling.route.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkAssemblyTest {

    @Test
    void chunksInOrderGiveTheWholeOnceTheLastArrives() {
        ChunkAssembly<String> assembly = new ChunkAssembly<>();
        assertNull(assembly.add(7, 0, List.of("a", "b"), false));
        assertNull(assembly.add(7, 1, List.of("c"), false));
        assertEquals(List.of("a", "b", "c", "d"), assembly.add(7, 2, List.of("d"), true));
    }

    @Test
    void aMissedChunkDropsTheTransferUntilANewOneStarts() {
        ChunkAssembly<String> assembly = new ChunkAssembly<>();
        assembly.add(7, 0, List.of("a"), false);
        assertNull(assembly.add(7, 2, List.of("c"), true), "chunk 1 never came");
        assertNull(assembly.add(7, 3, List.of("d"), true), "nothing gathered any more");
        assembly.add(8, 0, List.of("x"), false);
        assertEquals(List.of("x", "y"), assembly.add(8, 1, List.of("y"), true));
    }

    @Test
    void aChunkOfAnotherTransferDropsTheOneUnderWay() {
        ChunkAssembly<String> assembly = new ChunkAssembly<>();
        assembly.add(7, 0, List.of("a"), false);
        assertNull(assembly.add(9, 1, List.of("b"), true));
    }
}
