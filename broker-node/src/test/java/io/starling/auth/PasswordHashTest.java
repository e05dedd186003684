package io.starling.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Hashes written by Debian's mosquitto_passwd 2.0.11 (copied from its output) are the reference. */
class PasswordHashTest {

    static final String PBKDF2_SECRET =
            "$7$101$fRH7pZQ3Z+uPGv3u$J9wgwGlz/bScDf0rS3Uim6yKsdGEYhhPnMIIe6UC87mRZbYaqA9zRQqrYtwCSyEdsrKuKXS7T8qtJBFQRAuk+A==";
    static final String SHA512_PW =
            "$6$pI3Ca8gBdXcjQ0in$H5RK6kTTUQNM7aNtzCL19zHC6NPANSK7heD9G1JUeVTc08y7R68WXNy66DKg9ZQFHnl9NoP9sGKmOfGhaS5tCg==";
    private static final String PBKDF2_5_ITERATIONS_PW =
            "$7$5$nVihuKvUwahNcffr$t36Gw5Gc3QYtqXd3fqBo2I3CfeZskOQktWJ/mzGIlXDpeTSxYUmfGmzGuaDwAckkRpKA2u/qaqkL4KezNmPskA==";
    private static final String PBKDF2_EMPTY =
            "$7$101$45tkQ5RXaSskQVz7$rA9rEiJb98o73dhz/sb8feSgIr+eQjG9NhaRfuU4+7KP9x4+swFIetWdFwXgokj83dVNEyqwkFZyhvZKIeZmKA==";
    private static final String SHA512_EMPTY =
            "$6$qOCogqGyZ6RqAigi$+DGl2Hh+AfMUSoY9zmHcfanle2SB+QzjeU7NvFH6eO2y8pmE5wQAY8BPp0OKpRpk+A5YRPSq1T2u1lAA1oqw2Q==";
    private static final String PBKDF2_UTF8 =
            "$7$101$W5K1VL/38OmME7pY$PRyTEdE6jCUDhOnycgdqv6xr/hQQR2ToC+UZpmJOPpy5/EhIDq2hSMuvawm6BiKjv2lIy+fuOWM8oxFVWrSxBw==";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void mosquittoPbkdf2HashMatchesItsPasswordOnly() {
        PasswordHash hash = PasswordHash.parse(PBKDF2_SECRET);
        assertEquals(HashType.SHA512_PBKDF2, hash.type());
        assertEquals(101, hash.iterations());
        assertTrue(hash.matches(utf8("secret")));
        assertFalse(hash.matches(utf8("secreT")));
        assertFalse(hash.matches(utf8("")));
    }

    @Test
    void mosquittoSha512HashMatchesItsPasswordOnly() {
        PasswordHash hash = PasswordHash.parse(SHA512_PW);
        assertEquals(HashType.SHA512, hash.type());
        assertTrue(hash.matches(utf8("pw")));
        assertFalse(hash.matches(utf8("pw ")));
    }

    @Test
    void iterationCountIsTakenFromTheHash() {
        assertTrue(PasswordHash.parse(PBKDF2_5_ITERATIONS_PW).matches(utf8("pw")));
    }

    @Test
    void emptyPasswordsHashAsMosquittoHashesThem() {
        assertTrue(PasswordHash.parse(PBKDF2_EMPTY).matches(new byte[0]));
        assertTrue(PasswordHash.parse(SHA512_EMPTY).matches(new byte[0]));
        assertFalse(PasswordHash.parse(PBKDF2_EMPTY).matches(new byte[] {0}));
    }

    @Test
    void passwordsAreHashedAsTheirUtf8Bytes() {
        assertTrue(PasswordHash.parse(PBKDF2_UTF8).matches(utf8("pässwörd")));
    }

    @Test
    void encodedFormRoundTrips() {
        assertEquals(PBKDF2_SECRET, PasswordHash.parse(PBKDF2_SECRET).encoded());
        assertEquals(SHA512_PW, PasswordHash.parse(SHA512_PW).encoded());
    }

    @Test
    void createdHashesHaveMosquittoShapeAndVerify() {
        PasswordHash pbkdf2 = PasswordHash.create(HashType.SHA512_PBKDF2, 101, utf8("s3cret"));
        assertTrue(pbkdf2.encoded().matches("\\$7\\$101\\$[A-Za-z0-9+/]{16}\\$[A-Za-z0-9+/]{86}=="), pbkdf2.encoded());
        assertTrue(PasswordHash.parse(pbkdf2.encoded()).matches(utf8("s3cret")));
        PasswordHash sha = PasswordHash.create(HashType.SHA512, 101, utf8("s3cret"));
        assertTrue(sha.encoded().matches("\\$6\\$[A-Za-z0-9+/]{16}\\$[A-Za-z0-9+/]{86}=="), sha.encoded());
        assertTrue(PasswordHash.parse(sha.encoded()).matches(utf8("s3cret")));
    }

    @Test
    void knownSaltGivesMosquittosHash() {
        PasswordHash reference = PasswordHash.parse(PBKDF2_SECRET);
        byte[] salt = java.util.Base64.getDecoder().decode("fRH7pZQ3Z+uPGv3u");
        assertEquals(reference.encoded(),
                PasswordHash.create(HashType.SHA512_PBKDF2, 101, utf8("secret"), salt).encoded());
    }

    @Test
    void twoHashesOfOnePasswordDifferBySalt() {
        assertFalse(PasswordHash.create(HashType.SHA512_PBKDF2, 101, utf8("a")).encoded()
                .equals(PasswordHash.create(HashType.SHA512_PBKDF2, 101, utf8("a")).encoded()));
    }

    @Test
    void malformedHashesAreRefusedWithoutQuotingThem() {
        String[] bad = {
            "plaintext", "$5$abc$def", "$7$0$fRH7pZQ3Z+uPGv3u$" + tail(), "$7$x$fRH7pZQ3Z+uPGv3u$" + tail(),
            "$7$101$short$" + tail(), "$7$101$fRH7pZQ3Z+uPGv3u$AAAA", "$6$fRH7pZQ3Z+uPGv3u", "$7$101$fRH7pZQ3Z+uPGv3u",
            "$6$fRH7pZQ3Z+uPGv3u$" + tail() + "$extra", "$7$101$fRH7pZQ3Z+u!Gv3u$" + tail(),
        };
        for (String text : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse(text), text);
            assertFalse(e.getMessage().contains("fRH7") || e.getMessage().contains("plaintext"), e.getMessage());
        }
    }

    @Test
    void toStringHidesTheHash() {
        assertEquals("PasswordHash[sha512-pbkdf2, 101 iterations]", PasswordHash.parse(PBKDF2_SECRET).toString());
    }

    private static String tail() {
        return PBKDF2_SECRET.substring(PBKDF2_SECRET.lastIndexOf('$') + 1);
    }
}
