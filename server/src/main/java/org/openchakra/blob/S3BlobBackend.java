package org.openchakra.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Blobs as objects {@code blobs/<key>} of one bucket of an S3-compatible store, through the AWS SDK. A
 * write first spools the content to a local temporary file, because a PUT must state its length up front;
 * the file's MD5 goes with the PUT as {@code Content-MD5}, so the store itself refuses bytes that changed
 * on the way. A PUT is atomic: an object exists whole or not at all. Reads stream the object, from an
 * offset with a {@code Range} request.
 */
final class S3BlobBackend implements BlobBackend, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3BlobBackend.class);
    private static final String PREFIX = "blobs/";

    private final S3Client client;
    private final String bucket;
    private final String where;
    private final Path spool;

    S3BlobBackend(MediaStoreProperties.S3 settings, Path spool) {
        this.client = client(settings);
        this.bucket = settings.bucket().strip();
        this.where = "the S3 bucket " + bucket
                + (blank(settings.endpoint())
                        ? ""
                        : " at " + settings.endpoint().strip());
        this.spool = spool;
    }

    private static S3Client client(MediaStoreProperties.S3 settings) {
        S3ClientBuilder builder = S3Client.builder()
                .forcePathStyle(settings.pathStyle())
                // Content-MD5 is what every S3-compatible store checks; the SDK's own default checksums
                // (trailing CRC32 in aws-chunked bodies) are not understood by all of them.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (!blank(settings.endpoint())) {
            builder.endpointOverride(URI.create(settings.endpoint().strip()));
        }
        if (!blank(settings.region())) {
            builder.region(Region.of(settings.region().strip()));
        } else if (!blank(settings.endpoint())) {
            builder.region(Region.US_EAST_1); // what S3-compatible stores expect when nothing is said
        }
        AwsCredentialsProvider credentials = blank(settings.accessKeyId())
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKeyId().strip(), settings.secretAccessKey()));
        return builder.credentialsProvider(credentials).build();
    }

    /**
     * Fails the start when the store answers that the bucket is missing or not ours (a configuration error
     * to fix before serving anything); a store that cannot be reached now is only logged, since it may be
     * back before the first medium is needed.
     */
    void checkBucket() {
        try {
            client.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            throw new IllegalStateException(
                    "The blob store is " + where + ", but that bucket does not exist: create it first", e);
        } catch (S3Exception e) {
            throw new IllegalStateException(
                    "The blob store is " + where + ", but the store refused to show the bucket (HTTP " + e.statusCode()
                            + "): check OPENCHAKRA_MEDIA_S3_* (credentials, region, path style)",
                    e);
        } catch (SdkClientException e) {
            log.warn("The blob store {} cannot be reached now: {}", where, e.getMessage());
        }
    }

    @Override
    public BlobStoreType type() {
        return BlobStoreType.S3;
    }

    @Override
    public String describe() {
        return where;
    }

    @Override
    public void write(String key, InputStream content) throws IOException {
        String object = objectKey(key);
        Path temp = Files.createTempFile(spool, "put-", ".part");
        try {
            MessageDigest md5 = md5();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), md5)) {
                content.transferTo(out);
            }
            PutObjectRequest put = PutObjectRequest.builder()
                    .bucket(bucket)
                    .key(object)
                    .contentType("application/octet-stream")
                    .contentMD5(Base64.getEncoder().encodeToString(md5.digest()))
                    .build();
            client.putObject(put, RequestBody.fromFile(temp));
        } catch (SdkException e) {
            throw new IOException("Writing blob " + key + " to " + where + " failed: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public boolean exists(String key) throws IOException {
        String object = objectKey(key);
        try {
            client.headObject(b -> b.bucket(bucket).key(object));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new IOException("Looking up blob " + key + " in " + where + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("Looking up blob " + key + " in " + where + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream read(String key, long offset) throws IOException {
        GetObjectRequest.Builder get = GetObjectRequest.builder().bucket(bucket).key(objectKey(key));
        if (offset > 0) {
            get.range("bytes=" + offset + "-");
        }
        try {
            return client.getObject(get.build());
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException("blob " + key + " in " + where);
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                return InputStream.nullInputStream(); // the offset is the end
            }
            throw new IOException("Reading blob " + key + " from " + where + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("Reading blob " + key + " from " + where + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        String object = objectKey(key);
        try {
            client.deleteObject(b -> b.bucket(bucket).key(object));
        } catch (SdkException e) {
            throw new IOException("Deleting blob " + key + " from " + where + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private static String objectKey(String key) {
        return PREFIX + BlobKeys.check(key);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has MD5", e);
        }
    }
}
