package org.openchakra.metasim;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

/** Meta-shaped identifiers from one seeded random source, so a seed replays the same ids (spec 8.10). */
final class Ids {

    private static final char[] TRACE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
    private final Random random;

    Ids(Random random) {
        this.random = random;
    }

    /** A 15 or 16-digit numeric string like Graph object ids ({@code "1037543291543636"}). */
    synchronized String numeric() {
        long value = 1_000_000_000_000_000L + (random.nextLong() & Long.MAX_VALUE) % 8_999_999_999_999_999L;
        return Long.toString(value);
    }

    /**
     * A wamid with the real structure: base64 of a small protobuf-like record holding the user's wa_id and a
     * random hex message key, e.g. {@code wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI...}.
     */
    synchronized String wamid(String waId) {
        byte[] user = waId.getBytes(StandardCharsets.US_ASCII);
        byte[] key = new byte[9];
        random.nextBytes(key);
        byte[] hex = HexFormat.of().withUpperCase().formatHex(key).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buf = ByteBuffer.allocate(3 + user.length + 6 + hex.length + 1);
        buf.put((byte) 0x1c).put((byte) 0x18).put((byte) user.length).put(user);
        buf.put(new byte[] {0x15, 0x02, 0x00, 0x11, 0x18, (byte) hex.length})
                .put(hex)
                .put((byte) 0);
        return "wamid." + Base64.getEncoder().encodeToString(buf.array());
    }

    /** Opaque trace ids for {@code fbtrace_id} and the {@code x-fb-*} headers. */
    synchronized String trace(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = TRACE_CHARS[random.nextInt(TRACE_CHARS.length)];
        }
        return new String(out);
    }

    /** Opaque base64url-ish ids for groups, join requests and calls (spec 10: never assume digits). */
    synchronized String opaque(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    synchronized String hex(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }
}
