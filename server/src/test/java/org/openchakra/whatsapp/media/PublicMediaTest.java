package org.openchakra.whatsapp.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;
import static org.openchakra.whatsapp.media.MediaSamples.*;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openchakra.support.BlobFiles;
import org.openchakra.support.Downloads;
import org.openchakra.support.IntegrationTest;
import org.openchakra.support.Multipart;
import org.openchakra.support.Reply;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** whatsapp.md §5, public media: upload, WhatsApp's per-type limits and types, the unauthenticated URL. */
class PublicMediaTest extends IntegrationTest {

    private static final int MB = 1 << 20;
    private static final int KB = 1 << 10;
    private static final Pattern URL = Pattern.compile(
            "(http://localhost:\\d+)/public-media/([0-9a-f-]{36})/(\\d{4}-\\d{2}-\\d{2})/([0-9a-f-]{36})\\.([a-z0-9]+)");

    @Autowired
    JdbcClient jdbc;

    private record Setup(TestTeam team, String pluginId) {
        String upload() {
            return "/v1/ext/plugin/whatsapp/" + pluginId + "/upload-public-media";
        }
    }

    private Setup setup() {
        TestTeam team = newTeam();
        Reply plugin = api().post("/v1/admin/plugins/whatsapp", team.adminToken(), obj("name", "S", "mode", "SANDBOX"));
        assertThat(plugin.status()).as(plugin.toString()).isEqualTo(200);
        return new Setup(team, plugin.data().path("id").asString());
    }

    private Reply upload(Setup s, Multipart form) {
        return api().send("POST", s.upload(), s.team().adminToken(), form.body(), form.headers());
    }

    private Reply upload(Setup s, String filename, String contentType, byte[] content) {
        return upload(s, new Multipart().file("file", filename, contentType, content));
    }

    private static String publicUrl(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.data().path("publicMediaUrl").asString();
    }

    // ---------------------------------------------------------------- publishing and serving

    @Test
    void anImageIsPublishedUnderTheTeamAndTodayAndServedWithoutAToken() {
        Setup s = setup();
        Reply reply = upload(
                s, new Multipart().file("file", "receipt.png", "image/png", PNG).field("filename", "Receipt.png"));
        String url = publicUrl(reply);

        Matcher parts = URL.matcher(url);
        assertThat(parts.matches()).as(url).isTrue();
        assertThat(parts.group(1)).isEqualTo(api().baseUrl());
        assertThat(parts.group(2)).isEqualTo(s.team().id().toString());
        assertThat(LocalDate.parse(parts.group(3)))
                .isBetween(LocalDate.now(ZoneOffset.UTC).minusDays(1), LocalDate.now(ZoneOffset.UTC));
        assertThat(UUID.fromString(parts.group(4)).version())
                .as("random, not time-ordered")
                .isEqualTo(4);
        assertThat(parts.group(5)).isEqualTo("png");

        HttpResponse<byte[]> served = Downloads.get(url, null, Map.of());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(PNG);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(served.headers().firstValueAsLong("Content-Length")).hasValue(PNG.length);
        assertThat(served.headers().firstValue("Cache-Control").orElse(""))
                .contains("public")
                .contains("immutable")
                .contains("max-age=31536000");
        assertThat(served.headers().firstValue("ETag")).isPresent();
        assertThat(served.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(served.headers().firstValue("Content-Disposition").orElse(""))
                .contains("Receipt.png");
    }

    @Test
    void theTypeComesFromTheBytesAndDecidesTheExtension() {
        Setup s = setup();
        byte[] docx = officeOpenXml("word");
        String url = publicUrl(upload(s, "contract", null, docx));
        assertThat(url).endsWith(".docx");
        HttpResponse<byte[]> served = Downloads.get(url, null, Map.of());
        assertThat(served.headers().firstValue("Content-Type"))
                .hasValue("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(served.body()).isEqualTo(docx);

        assertThat(publicUrl(upload(s, "clip.bin", "application/octet-stream", MP4)))
                .endsWith(".mp4");
        assertThat(publicUrl(upload(s, "note.m4a", null, M4A))).endsWith(".m4a");
        assertThat(publicUrl(upload(s, "sheet.xls", null, OLE2))).endsWith(".xls");
        assertThat(publicUrl(upload(s, null, "text/plain; charset=utf-8", TEXT)))
                .endsWith(".txt");
    }

    @Test
    void rangesAndConditionalRequestsAreAnswered() {
        Setup s = setup();
        byte[] pdf = sized(PDF, 4096);
        String url = publicUrl(upload(s, "menu.pdf", "application/pdf", pdf));

        HttpResponse<byte[]> range = Downloads.get(url, null, Map.of("Range", "bytes=0-9"));
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(java.util.Arrays.copyOf(pdf, 10));
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 0-9/4096");
        assertThat(range.headers().firstValueAsLong("Content-Length")).hasValue(10);

        HttpResponse<byte[]> tail = Downloads.get(url, null, Map.of("Range", "bytes=-96"));
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(pdf, 4000, 4096));

        HttpResponse<byte[]> unsatisfiable = Downloads.get(url, null, Map.of("Range", "bytes=5000-6000"));
        assertThat(unsatisfiable.statusCode()).isEqualTo(416);

        String etag =
                Downloads.get(url, null, Map.of()).headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> unchanged = Downloads.get(url, null, Map.of("If-None-Match", etag));
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(Downloads.get(url, null, Map.of("If-None-Match", "\"other\""))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void onlyTheExactUrlFindsTheFile() {
        Setup s = setup();
        TestTeam other = newTeam();
        Matcher parts = URL.matcher(publicUrl(upload(s, "a.png", "image/png", PNG)));
        assertThat(parts.matches()).isTrue();
        String team = parts.group(2);
        String day = parts.group(3);
        String id = parts.group(4);
        assertThat(get("/public-media/" + team + "/" + day + "/" + id + ".png").statusCode())
                .isEqualTo(200);
        for (String wrong : new String[] {
            "/public-media/" + other.id() + "/" + day + "/" + id + ".png",
            "/public-media/" + team + "/" + LocalDate.parse(day).minusDays(1) + "/" + id + ".png",
            "/public-media/" + team + "/" + day + "/" + id + ".jpg",
            "/public-media/" + team + "/" + day + "/" + id.toUpperCase() + ".png",
            "/public-media/" + team + "/" + day + "/" + id,
            "/public-media/" + team + "/" + day + "/" + UUID.randomUUID() + ".png",
            "/public-media/" + team + "/2025-13-01/" + id + ".png",
            "/public-media/" + team + "/" + day,
            "/public-media/nothing"
        }) {
            Reply reply = api().get(wrong, null);
            assertThat(reply.status()).as(wrong + ": " + reply).isEqualTo(404);
            assertThat(reply.json().path("_errorDetails").path(0).path("code").asString())
                    .isEqualTo("NOT_FOUND");
        }
    }

    // ---------------------------------------------------------------- WhatsApp's limits

    @Test
    void eachKindIsHeldToWhatsappsLimit() {
        Setup s = setup();
        long rows = rows(s);
        long blobs = BlobFiles.count();
        assertTooLarge(upload(s, "big.jpg", "image/jpeg", sized(JPEG, 5 * MB + 1)), "5 MB");
        assertTooLarge(upload(s, "big.webp", "image/webp", sized(STATIC_WEBP, 100 * KB + 1)), "100 KB");
        assertTooLarge(upload(s, "big-animated.webp", "image/webp", sized(ANIMATED_WEBP, 500 * KB + 1)), "500 KB");
        assertTooLarge(upload(s, "big.mp4", "video/mp4", sized(MP4, 16 * MB + 1)), "16 MB");
        assertTooLarge(upload(s, "big.ogg", "audio/ogg", sized(OGG, 16 * MB + 1)), "16 MB");
        assertThat(rows(s)).as("a refused upload keeps no row").isEqualTo(rows);
        assertThat(BlobFiles.count()).as("a refused upload keeps no blob").isEqualTo(blobs);

        // At the limit is within it; an animated sticker may be larger than a static one.
        assertThat(upload(s, "max.jpg", "image/jpeg", sized(JPEG, 5 * MB)).status())
                .isEqualTo(200);
        assertThat(upload(s, "anim.webp", "image/webp", sized(ANIMATED_WEBP, 100 * KB + 1))
                        .status())
                .isEqualTo(200);
        assertThat(rows(s)).isEqualTo(rows + 2);
    }

    private static void assertTooLarge(Reply reply, String limit) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(413);
        assertThat(reply.json().path("_errorDetails").path(0).path("code").asString())
                .isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(reply.json().path("_errorDetails").path(0).path("field").asString())
                .isEqualTo("file");
        assertThat(reply.firstError()).contains(limit);
    }

    // ---------------------------------------------------------------- wrong input

    @Test
    void typesTheBytesContradictOrWhatsappDoesNotTakeAre415() {
        Setup s = setup();
        long rows = rows(s);
        assertUnsupported(upload(s, "a.jpg", "image/jpeg", PNG), "does not match its declared type image/jpeg");
        assertUnsupported(upload(s, "a.pdf", "application/pdf", sized(MP4, 64)), "does not match");
        assertUnsupported(upload(s, "a.gif", "image/gif", GIF), "Unsupported media type (image/gif)");
        assertUnsupported(upload(s, "a.zip", null, plainZip()), "ZIP archive");
        assertUnsupported(upload(s, "a.bin", null, bytes(0, 1, 2, 3)), "no recognised type");
        assertThat(rows(s)).isEqualTo(rows);
    }

    private static void assertUnsupported(Reply reply, String message) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(415);
        assertThat(reply.json().path("_errorDetails").path(0).path("code").asString())
                .isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(reply.firstError()).contains(message);
    }

    @Test
    void aMalformedFormIsTheCallers400() {
        Setup s = setup();
        assertNamesFile(upload(s, new Multipart().file("other", "a.png", "image/png", PNG)), 400);
        assertNamesFile(upload(s, "empty.png", "image/png", new byte[0]), 400);
        assertNamesFile(
                upload(
                        s,
                        new Multipart()
                                .file("file", "a.png", "image/png", PNG)
                                .file("file", "b.png", "image/png", PNG)),
                400);
        Reply longName = upload(
                s, new Multipart().file("file", "a.png", "image/png", PNG).field("filename", "x".repeat(300)));
        assertThat(longName.status()).isEqualTo(400);
        assertThat(longName.json().path("_errorDetails").path(0).path("field").asString())
                .isEqualTo("filename");
        assertNamesFile(api().post(s.upload(), s.team().adminToken(), obj("file", "not multipart")), 415);
        assertNamesFile(api().send("POST", s.upload(), s.team().adminToken(), null, Map.of()), 400);
    }

    private static void assertNamesFile(Reply reply, int status) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.firstError()).contains("'file'");
    }

    // ---------------------------------------------------------------- plugin, privilege, tenancy

    @Test
    void thePluginMustBeAnActivePluginOfTheTeam() {
        Setup mine = setup();
        Setup theirs = setup();
        Multipart form = new Multipart().file("file", "a.png", "image/png", PNG);
        Reply foreign = api().send("POST", theirs.upload(), mine.team().adminToken(), form.body(), form.headers());
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);
        assertThat(foreign.firstError()).contains("not found");

        assertThat(api().delete(
                                "/v1/admin/plugins/whatsapp/" + mine.pluginId(),
                                mine.team().adminToken())
                        .status())
                .isEqualTo(200);
        Reply inactive = upload(mine, "a.png", "image/png", PNG);
        assertThat(inactive.status()).as(inactive.toString()).isEqualTo(404);
        assertThat(inactive.firstError()).contains("not active");
        assertThat(rows(mine)).isZero();
    }

    @Test
    void uploadingTakesTheMediaPrivilege() {
        Setup s = setup();
        String agent = newKey(s.team(), "agent");
        Multipart form = new Multipart().file("file", "a.png", "image/png", PNG);
        Reply refused = api().send("POST", s.upload(), agent, form.body(), form.headers());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.firstError()).contains("whatsapp:media");
    }

    // ---------------------------------------------------------------- helpers

    private HttpResponse<byte[]> get(String path) {
        return Downloads.get(api().baseUrl() + path, null, Map.of());
    }

    private long rows(Setup s) {
        return jdbc.sql("SELECT count(*) FROM public_media WHERE team_id = :team")
                .param("team", s.team().id())
                .query(Long.class)
                .single();
    }
}
