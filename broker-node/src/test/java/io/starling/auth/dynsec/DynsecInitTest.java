package io.starling.auth.dynsec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DynsecInitTest {

    @Test
    void initialFileIsWhatMosquittoCtrlWrites() throws Exception {
        DynsecState state = DynsecFile.parse(DynsecFileTest.MOSQUITTO_CTRL_INIT, Path.of("x"));
        PasswordHash hash = state.client("admin").password();
        assertEquals(DynsecFileTest.MOSQUITTO_CTRL_INIT, DynsecInit.initialFile("admin", hash));
    }

    @Test
    void pbkdf2MatchesTheHashMosquittoCtrlComputed() throws Exception {
        PasswordHash hash = DynsecFile.parse(DynsecFileTest.MOSQUITTO_CTRL_INIT, Path.of("x")).client("admin")
                .password();
        assertEquals(hash.hashBase64(), Base64.getEncoder().encodeToString(
                PasswordHash.pbkdf2("secretpw".getBytes(), hash.salt(), 101)));
    }
}
