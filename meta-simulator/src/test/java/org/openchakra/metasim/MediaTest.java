package org.openchakra.metasim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Media routes of spec 4: upload, URL, download with bearer and 5-minute expiry, delete, types and sizes. */
class MediaTest extends SimulatorFixture {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};
    private static final Map<String, String> WHATSAPP = Map.of("messaging_product", "whatsapp");

    private String upload(byte[] bytes, String type) {
        GraphClient.Answer answer = graph.postMultipart(V + "/" + PNID + "/media", WHATSAPP, "file.bin", type, bytes);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json().path("id").asString();
    }

    @Test
    void uploadGetDownloadAndDelete() {
        String id = upload(JPEG, "image/jpeg");
        assertThat(id).matches("[0-9]+");

        JsonNode info = graph.get(V + "/" + id + "?phone_number_id=" + PNID).json();
        assertThat(info.path("messaging_product").asString()).isEqualTo("whatsapp");
        assertThat(info.path("mime_type").asString()).isEqualTo("image/jpeg");
        assertThat(info.path("file_size").isString()).isTrue();
        assertThat(info.path("file_size").asString()).isEqualTo(Integer.toString(JPEG.length));
        assertThat(info.path("sha256").asString()).hasSize(64);
        assertThat(info.path("id").asString()).isEqualTo(id);

        String url = info.path("url").asString();
        GraphClient.Answer download = graph.getAbsolute(url, true);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.bytes()).isEqualTo(JPEG);
        assertThat(download.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(graph.getAbsolute(url, false).status()).as("bearer required").isEqualTo(401);

        assertThat(graph.delete(V + "/" + id).json().path("success").asBoolean())
                .isTrue();
        GraphClient.Answer gone = graph.get(V + "/" + id);
        assertThat(gone.code()).isEqualTo(100);
        assertThat(gone.error().path("error_subcode").asInt()).isEqualTo(33);
        assertThat(graph.getAbsolute(url, true).status()).isEqualTo(404);
    }

    @Test
    void downloadUrlsExpireAfterFiveMinutesAndUploadsAfterThirtyDays() {
        String id = upload(JPEG, "image/jpeg");
        String url = graph.get(V + "/" + id).json().path("url").asString();

        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertThat(graph.getAbsolute(url, true).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(2));
        assertThat(graph.getAbsolute(url, true).status()).isEqualTo(404);

        String fresh = graph.get(V + "/" + id).json().path("url").asString();
        assertThat(graph.getAbsolute(fresh, true).status())
                .as("a new URL works again")
                .isEqualTo(200);

        clock.advance(Duration.ofDays(30));
        assertThat(graph.get(V + "/" + id).code()).isEqualTo(100);
    }

    @Test
    void typesSizesAndContentAreChecked() {
        GraphClient.Answer unsupported = graph.postMultipart(
                V + "/" + PNID + "/media", WHATSAPP, "a.gif", "image/gif", new byte[] {'G', 'I', 'F'});
        assertThat(unsupported.code()).isEqualTo(100);
        assertThat(unsupported.error().path("error_data").path("details").asString())
                .contains("image/jpeg");

        GraphClient.Answer tooBig = graph.postMultipart(
                V + "/" + PNID + "/media", WHATSAPP, "s.webp", "image/webp", new byte[100 * 1024 + 1]);
        assertThat(tooBig.code()).isEqualTo(131053);

        GraphClient.Answer mismatch =
                graph.postMultipart(V + "/" + PNID + "/media", WHATSAPP, "a.png", "image/png", JPEG);
        assertThat(mismatch.code()).isEqualTo(131053);
        assertThat(mismatch.error().path("message").asString()).isEqualTo("(#131053) Media upload error");

        GraphClient.Answer noProduct =
                graph.postMultipart(V + "/" + PNID + "/media", Map.of(), "a.jpg", "image/jpeg", JPEG);
        assertThat(noProduct.error().path("message").asString())
                .isEqualTo("(#100) The parameter messaging_product is required.");
        GraphClient.Answer noFile = graph.postMultipart(V + "/" + PNID + "/media", WHATSAPP, null, null, null);
        assertThat(noFile.error().path("message").asString()).isEqualTo("(#100) The parameter file is required.");
    }

    @Test
    void separateTypeFieldIsAcceptedAndOpusParametersAreKept() {
        GraphClient.Answer answer = graph.postMultipart(
                V + "/" + PNID + "/media",
                Map.of("messaging_product", "whatsapp", "type", "audio/ogg; codecs=opus"),
                "v.ogg",
                "application/octet-stream",
                new byte[] {'O', 'g', 'g', 'S', 0});
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        String id = answer.json().path("id").asString();
        assertThat(graph.get(V + "/" + id).json().path("mime_type").asString()).isEqualTo("audio/ogg; codecs=opus");
    }

    @Test
    void mediaOfAnotherNumberIsRefusedWithPhoneNumberId() {
        String id = upload(JPEG, "image/jpeg");
        assertThat(graph.get(V + "/" + id + "?phone_number_id=" + TEST_PNID).code())
                .isEqualTo(100);
    }
}
