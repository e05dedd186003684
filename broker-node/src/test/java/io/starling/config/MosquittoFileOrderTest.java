package io.starling.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MosquittoFileOrderTest {

    @Test
    void sortsLikeMosquittoManPageExample() {
        List<String> names = new ArrayList<>(List.of("b.conf", "A.conf", "01.conf", "a.conf", "B.conf", "00.conf"));

        names.sort(MosquittoFileOrder.INSTANCE);

        assertEquals(List.of("00.conf", "01.conf", "A.conf", "a.conf", "B.conf", "b.conf"), names);
    }

    @Test
    void caseDecidesAtFirstDifferenceAndShorterNameComesFirst() {
        List<String> names = new ArrayList<>(List.of("~t.conf", "a.conf", "_x.conf", "Ab.conf", "aa.conf", ".h.conf", "Z.conf"));

        names.sort(MosquittoFileOrder.INSTANCE);

        assertEquals(List.of(".h.conf", "Ab.conf", "a.conf", "aa.conf", "Z.conf", "_x.conf", "~t.conf"), names);
    }
}
