package org.openchakra.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openchakra.support.Json.obj;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchakra.support.Downloads;
import org.openchakra.support.IntegrationTest;
import org.openchakra.support.Multipart;
import org.openchakra.support.Reply;
import tools.jackson.databind.JsonNode;

/**
 * Blobs whose bytes were lost or changed behind the server's back, seen over HTTP: a photo or public
 * medium whose file is gone answers 404 in the error envelope (never a 500), and one whose bytes changed is
 * never served whole: the answer is cut short of its Content-Length.
 */
class DamagedBlobApiTest extends IntegrationTest {

    private static final byte[] PDF = ("%PDF-1.4\n" + "x".repeat(20_000) + "\n%%EOF\n").getBytes();

    @Test
    void aPhotoWhoseFileIsGoneIsA404WithTheEnvelope() throws Exception {
        TestTeam team = newTeam();
        Multipart form = new Multipart().file("photo", "scan.pdf", "application/pdf", PDF);
        Reply uploaded = api().send("POST", "/v1/ext/photo", team.adminToken(), form.body(), form.headers());
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
        String content =
                api().baseUrl() + "/v1/ext/photo/" + uploaded.data().path("id").asString() + "/content";
        HttpResponse<byte[]> served = Downloads.get(content, team.adminToken(), Map.of());
        assertThat(served.statusCode()).isEqualTo(200);

        Files.delete(file(etagKey(served)));

        Reply missing = api().get(content.substring(api().baseUrl().length()), team.adminToken());
        assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
        assertThat(missing.firstError()).contains("missing from the server's blob store");
        assertThat(missing.json().path("_errorDetails").path(0).path("code").asString())
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void aPublicMediumWhoseFileIsGoneIsA404AndOneWhoseBytesChangedIsCutShort() throws Exception {
        TestTeam team = newTeam();
        Reply plugin = api().post("/v1/admin/plugins/whatsapp", team.adminToken(), obj("name", "S", "mode", "SANDBOX"));
        assertThat(plugin.status()).as(plugin.toString()).isEqualTo(200);
        String upload = "/v1/ext/plugin/whatsapp/" + plugin.data().path("id").asString() + "/upload-public-media";
        String gone = publish(team, upload);
        String changed = publish(team, upload);

        Files.delete(file(etagKey(Downloads.get(gone, null, Map.of()))));
        Reply missing = api().get(gone.substring(api().baseUrl().length()), null);
        assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
        assertThat(missing.firstError()).contains("missing from the server's blob store");

        Path file = file(etagKey(Downloads.get(changed, null, Map.of())));
        byte[] damaged = PDF.clone();
        damaged[PDF.length - 10] = 'y';
        Files.write(file, damaged);
        // The whole body would be wrong: the server stops before its end, so no client takes it for the file.
        assertThatThrownBy(() -> Downloads.get(changed, null, Map.of())).isInstanceOf(UncheckedIOException.class);
        // A range before the damage is still served.
        HttpResponse<byte[]> range = Downloads.get(changed, null, Map.of("Range", "bytes=0-99"));
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(Arrays.copyOf(PDF, 100));
    }

    private String publish(TestTeam team, String upload) {
        Multipart form = new Multipart().file("file", "doc.pdf", "application/pdf", PDF);
        Reply reply = api().send("POST", upload, team.adminToken(), form.body(), form.headers());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode data = reply.data();
        return data.path("publicMediaUrl").asString();
    }

    /** The ETag of a blob's answer is its key, quoted. */
    private static String etagKey(HttpResponse<byte[]> served) {
        assertThat(served.statusCode()).isEqualTo(200);
        return served.headers().firstValue("ETag").orElseThrow().replace("\"", "");
    }

    private static Path file(String key) {
        return DATA_DIR.resolve("blobs")
                .resolve(key.substring(0, 2))
                .resolve(key.substring(2, 4))
                .resolve(key);
    }
}
