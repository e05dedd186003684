package io.starling.listen;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files a Mosquitto listener names: certificates, CRLs and private keys, in the
 * forms OpenSSL writes (PKCS#8 {@code PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY}, SEC1
 * {@code EC PRIVATE KEY}), with only the JDK. Every failure is a {@link BadFile} whose message says,
 * for a human, what is wrong with the file.
 */
final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\r?\\n(.*?)-----END \\1-----", Pattern.DOTALL);
    /** rsaEncryption, 1.2.840.113549.1.1.1, DER-encoded with its NULL parameters. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    /** id-ecPublicKey, 1.2.840.10045.2.1, DER-encoded. */
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    /** A file that cannot be used; the message is the reason. */
    static final class BadFile extends Exception {
        private static final long serialVersionUID = 1L;

        BadFile(String reason) {
            super(reason);
        }
    }

    private record Block(String label, String headers, byte[] der) {
    }

    private PemFiles() {
    }

    /** Every certificate in a PEM file, in order (a chain: the server's own first). */
    static List<X509Certificate> certificates(Path file) throws BadFile {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Block block : blocks(file)) {
            if (block.label().equals("CERTIFICATE") || block.label().equals("TRUSTED CERTIFICATE")) {
                certificates.add(certificate(block.der()));
            }
        }
        if (certificates.isEmpty()) {
            throw new BadFile("no PEM certificate in the file");
        }
        return certificates;
    }

    /** Every CRL in a PEM file. */
    static List<X509CRL> crls(Path file) throws BadFile {
        List<X509CRL> crls = new ArrayList<>();
        for (Block block : blocks(file)) {
            if (block.label().equals("X509 CRL")) {
                try {
                    crls.add((X509CRL) factory().generateCRL(new ByteArrayInputStream(block.der())));
                } catch (GeneralSecurityException e) {
                    throw new BadFile("unreadable CRL: " + e.getMessage());
                }
            }
        }
        if (crls.isEmpty()) {
            throw new BadFile("no PEM certificate revocation list (X509 CRL) in the file");
        }
        return crls;
    }

    /** The private key of a PEM file; encrypted keys are refused (nobody is there to type a password). */
    static PrivateKey privateKey(Path file) throws BadFile {
        for (Block block : blocks(file)) {
            switch (block.label()) {
                case "PRIVATE KEY" -> {
                    return pkcs8(block.der());
                }
                case "RSA PRIVATE KEY" -> {
                    refuseEncrypted(block);
                    return pkcs8(pkcs8Wrap(RSA_ALGORITHM, block.der()));
                }
                case "EC PRIVATE KEY" -> {
                    refuseEncrypted(block);
                    return pkcs8(pkcs8Wrap(ecAlgorithm(block.der()), block.der()));
                }
                case "ENCRYPTED PRIVATE KEY" -> throw new BadFile(
                        "the private key is encrypted; Starling needs an unencrypted key file");
                default -> {
                    // parameters, certificates: not the key
                }
            }
        }
        throw new BadFile("no PEM private key in the file");
    }

    /**
     * Whether {@code key} belongs to {@code certificate}: it signs a random challenge that the
     * certificate's public key must verify. Key types without a known signature pass.
     */
    static boolean matches(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            case "DSA" -> "SHA256withDSA";
            default -> null;
        };
        if (algorithm == null) {
            return true;
        }
        PublicKey publicKey = certificate.getPublicKey();
        if (!publicKey.getAlgorithm().equals(key.getAlgorithm())
                && !(algorithm.equals("EdDSA") && publicKey.getAlgorithm().startsWith("Ed"))) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Whether a file holds at least one PEM certificate (for the files of a {@code capath}). */
    static boolean holdsCertificate(Path file) {
        try {
            return blocks(file).stream().anyMatch(b -> b.label().equals("CERTIFICATE"));
        } catch (BadFile e) {
            return false;
        }
    }

    private static List<Block> blocks(Path file) throws BadFile {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new BadFile("no such file");
        } catch (IOException e) {
            throw new BadFile("cannot read the file (" + e.getMessage() + ")");
        }
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String body = m.group(2);
            String headers = "";
            int blank = body.indexOf("\n\n");
            if (body.contains(":") && blank >= 0) {
                // RFC 1421 headers (Proc-Type, DEK-Info) come before a blank line
                headers = body.substring(0, blank);
                body = body.substring(blank + 2);
            }
            try {
                blocks.add(new Block(m.group(1), headers, Base64.getMimeDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw new BadFile("bad base64 in the PEM block " + m.group(1));
            }
        }
        if (blocks.isEmpty()) {
            throw new BadFile("not a PEM file (no -----BEGIN ...----- block)");
        }
        return blocks;
    }

    private static void refuseEncrypted(Block block) throws BadFile {
        if (block.headers().contains("ENCRYPTED")) {
            throw new BadFile("the private key is encrypted; Starling needs an unencrypted key file");
        }
    }

    private static X509Certificate certificate(byte[] der) throws BadFile {
        try {
            return (X509Certificate) factory().generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new BadFile("unreadable certificate: " + e.getMessage());
        }
    }

    private static CertificateFactory factory() throws BadFile {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new BadFile(e.getMessage());
        }
    }

    private static PrivateKey pkcs8(byte[] der) throws BadFile {
        for (String algorithm : List.of("RSA", "EC", "EdDSA", "RSASSA-PSS", "DSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this algorithm: try the next
            }
        }
        throw new BadFile("unreadable private key (not RSA, EC, EdDSA or DSA)");
    }

    /** A PKCS#8 PrivateKeyInfo: version 0, the algorithm, the key as an octet string. */
    private static byte[] pkcs8Wrap(byte[] algorithm, byte[] key) {
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.writeBytes(new byte[] {0x02, 0x01, 0x00});
        info.writeBytes(algorithm);
        info.writeBytes(tagged(0x04, key));
        return tagged(0x30, info.toByteArray());
    }

    /** The PKCS#8 algorithm of a SEC1 EC key: id-ecPublicKey and the named curve of its [0] parameters. */
    private static byte[] ecAlgorithm(byte[] sec1) throws BadFile {
        try {
            Der key = new Der(sec1, 0);
            Der content = key.enter(0x30);
            content = content.skip(0x02).skip(0x04);
            if (content.tag() != 0xa0) {
                throw new BadFile("the EC private key names no curve");
            }
            byte[] curve = content.enter(0xa0).element(0x06);
            ByteArrayOutputStream algorithm = new ByteArrayOutputStream();
            algorithm.writeBytes(EC_PUBLIC_KEY);
            algorithm.writeBytes(curve);
            return tagged(0x30, algorithm.toByteArray());
        } catch (IndexOutOfBoundsException e) {
            throw new BadFile("unreadable EC private key");
        }
    }

    private static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    /** Just enough DER reading to find a SEC1 key's curve: a cursor on one element. */
    private record Der(byte[] data, int at) {

        int tag() throws BadFile {
            if (at >= data.length) {
                throw new BadFile("unreadable EC private key");
            }
            return data[at] & 0xff;
        }

        private int lengthAt() {
            return data[at + 1] & 0xff;
        }

        private int headerLength() {
            int first = lengthAt();
            return first < 0x80 ? 2 : 2 + (first & 0x7f);
        }

        private int contentLength() {
            int first = lengthAt();
            if (first < 0x80) {
                return first;
            }
            int n = 0;
            for (int i = 0; i < (first & 0x7f); i++) {
                n = (n << 8) | (data[at + 2 + i] & 0xff);
            }
            return n;
        }

        /** The first element inside this one, which must have {@code tag}. */
        Der enter(int tag) throws BadFile {
            expect(tag);
            return new Der(data, at + headerLength());
        }

        /** The element after this one, which must have {@code tag}. */
        Der skip(int tag) throws BadFile {
            expect(tag);
            return new Der(data, at + headerLength() + contentLength());
        }

        /** This whole element, tag and length included. */
        byte[] element(int tag) throws BadFile {
            expect(tag);
            int end = at + headerLength() + contentLength();
            byte[] out = new byte[end - at];
            System.arraycopy(data, at, out, 0, out.length);
            return out;
        }

        private void expect(int tag) throws BadFile {
            if (tag() != tag) {
                throw new BadFile("unreadable EC private key");
            }
        }
    }
}
