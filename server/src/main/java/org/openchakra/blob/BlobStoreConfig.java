package org.openchakra.blob;

import org.openchakra.OpenChakraProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The blob store every feature shares: files under {@code <data dir>/blobs/}. */
@Configuration(proxyBeanMethods = false)
class BlobStoreConfig {

    @Bean
    BlobStore blobStore(OpenChakraProperties props) {
        return new FileSystemBlobStore(props.dataDir().resolve("blobs"));
    }
}
