package org.openchakra.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openchakra.OpenChakraProperties;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets that must be read back (webhook signing secrets, Meta access tokens) with
 * AES-256-GCM. The key is {@code OPENCHAKRA_SECRET_KEY} (base64 of 32 bytes) or, when unset, a key
 * made at first start in {@code <data dir>/secret.key} (mode 0600). Several servers sharing one
 * database must share the key, so they should set the variable.
 */
@Component
public class SecretBox {

    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(OpenChakraProperties props) {
        this.key = new SecretKeySpec(loadKey(props), "AES");
    }

    public byte[] encrypt(String plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + IV_BYTES + sealed.length)
                    .put(VERSION)
                    .put(iv)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    public String decrypt(byte[] box) {
        try {
            if (box.length < 1 + IV_BYTES || box[0] != VERSION) {
                throw new IllegalStateException("Unknown secret format");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, box, 1, IV_BYTES));
            return new String(cipher.doFinal(box, 1 + IV_BYTES, box.length - 1 - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "A stored secret cannot be decrypted: is OPENCHAKRA_SECRET_KEY the one it was" + " written with?",
                    e);
        }
    }

    private static byte[] loadKey(OpenChakraProperties props) {
        if (props.secretKey() != null && !props.secretKey().isBlank()) {
            byte[] configured = Base64.getDecoder().decode(props.secretKey().trim());
            if (configured.length != 32) {
                throw new IllegalStateException("OPENCHAKRA_SECRET_KEY must be the base64 of exactly 32 bytes");
            }
            return configured;
        }
        Path file = props.dataDir().resolve("secret.key");
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Files.createDirectories(file.getParent());
                try {
                    Files.createFile(
                            file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
                } catch (FileAlreadyExistsException raced) {
                    // another process made it first; read theirs
                }
            }
            return Base64.getDecoder().decode(Files.readString(file).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secret key " + file, e);
        }
    }
}
