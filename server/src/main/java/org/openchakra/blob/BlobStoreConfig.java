package org.openchakra.blob;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.openchakra.OpenChakraProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The blob store every feature shares, in the store {@code OPENCHAKRA_MEDIA_STORE} names: by default the
 * file system ({@code <data dir>/blobs/}) with the embedded database, which only this instance can have,
 * and the database itself with an external one, which several instances may share.
 */
@Configuration(proxyBeanMethods = false)
class BlobStoreConfig {

    private static final Logger log = LoggerFactory.getLogger(BlobStoreConfig.class);

    @Bean(destroyMethod = "close")
    BlobBackends blobBackends(OpenChakraProperties props, MediaStoreProperties media, DataSource dataSource) {
        BlobStoreType target = targetOf(media, props.database().isExternal());
        Path root = props.dataDir().resolve("blobs");
        List<BlobBackend> available = new ArrayList<>();
        FileSystemBlobBackend files = new FileSystemBlobBackend(root);
        available.add(files);
        available.add(new PostgresBlobBackend(dataSource));
        MediaStoreProperties.S3 s3 = media.s3();
        if (s3 != null && s3.configured()) {
            S3BlobBackend bucket = new S3BlobBackend(s3, root.resolve("tmp"));
            if (target == BlobStoreType.S3) {
                bucket.checkBucket();
            }
            available.add(bucket);
        }
        BlobBackends backends = new BlobBackends(available, target);
        log.info("New blobs (photos, media) are stored in {}", backends.target().describe());
        if (target == BlobStoreType.FILESYSTEM && props.database().isExternal()) {
            log.warn("OPENCHAKRA_MEDIA_STORE is filesystem with an external database: other instances on that"
                    + " database cannot read the media this one stores (use postgres or s3 for several instances)");
        }
        return backends;
    }

    @Bean
    BlobCatalog blobCatalog(JdbcClient jdbc) {
        return new BlobCatalog(jdbc);
    }

    @Bean
    BlobStore blobStore(BlobCatalog catalog, BlobBackends backends) {
        return new CatalogedBlobStore(catalog, backends);
    }

    @Bean
    BlobMigration blobMigration(BlobCatalog catalog, BlobBackends backends) {
        return new BlobMigration(catalog, backends);
    }

    static BlobStoreType targetOf(MediaStoreProperties media, boolean externalDatabase) {
        String store = media.store();
        if (store == null || store.isBlank()) {
            return externalDatabase ? BlobStoreType.POSTGRES : BlobStoreType.FILESYSTEM;
        }
        return BlobStoreType.of(store)
                .orElseThrow(() -> new IllegalStateException("OPENCHAKRA_MEDIA_STORE is '" + store
                        + "'; it must be one of " + BlobStoreType.names() + " (or unset for the default)"));
    }
}
