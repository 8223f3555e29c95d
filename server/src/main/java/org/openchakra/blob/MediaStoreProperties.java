package org.openchakra.blob;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where blobs (photos, public media, WhatsApp media) are written: {@code OPENCHAKRA_MEDIA_STORE} and, for
 * {@code s3}, {@code OPENCHAKRA_MEDIA_S3_*}.
 *
 * @param store {@code filesystem}, {@code postgres} or {@code s3}; blank for the default, which is
 *     {@code filesystem} with the embedded database and {@code postgres} with an external one
 * @param s3 the S3-compatible store, used when {@code store} is {@code s3} (and by {@code migrate-blobs})
 */
@ConfigurationProperties(prefix = "openchakra.media")
record MediaStoreProperties(String store, S3 s3) {

    /**
     * @param endpoint the store's URL, e.g. {@code https://minio.internal:9000}; blank for AWS itself
     * @param bucket the bucket, which must exist
     * @param region the signing region; blank for AWS's own lookup ({@code AWS_REGION}), or
     *     {@code us-east-1} when an endpoint is given
     * @param accessKeyId blank for AWS's default credentials (environment, profile, instance role)
     * @param secretAccessKey goes with {@code accessKeyId}
     * @param pathStyle {@code endpoint/bucket/key} URLs instead of {@code bucket.endpoint/key}: most
     *     S3-compatible servers (MinIO, S3Proxy, Ceph) want this
     */
    public record S3(
            String endpoint,
            String bucket,
            String region,
            String accessKeyId,
            String secretAccessKey,
            boolean pathStyle) {

        public boolean configured() {
            return bucket != null && !bucket.isBlank();
        }
    }
}
