package org.openchakra.metasim;

import java.time.Instant;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** Media routes (spec 4): upload, URL retrieval, download through the issued URL, delete. */
final class MediaService {

    /** Path of the download route; mimics {@code lookaside.fbsbx.com/whatsapp_business/attachments/}. */
    static final String DOWNLOAD_PATH = "/whatsapp_business/attachments/";

    private final Simulation sim;
    private final String urlSecret;

    MediaService(Simulation sim) {
        this.sim = sim;
        this.urlSecret = sim.ids.hex(16);
    }

    /** {@code POST /{pnid}/media}, multipart with {@code messaging_product} and {@code file} (type optional). */
    GraphResponse upload(GraphRequest req, PhoneNumber number) {
        String product = req.param("messaging_product");
        if (product == null) {
            throw new GraphException(MetaErrors.requiredParameter("messaging_product"));
        }
        checkProduct(product);
        FilePart file = req.files().get("file");
        if (file == null) {
            throw new GraphException(MetaErrors.requiredParameter("file"));
        }
        // Spec 9 #13: the separate type field is optional; it wins over the part's own Content-Type.
        String declared = req.param("type") != null ? req.param("type") : file.contentType();
        String mime = MediaKind.baseMime(declared);
        MediaKind kind = MediaKind.ofMime(mime)
                .orElseThrow(() -> new GraphException(
                        MetaErrors.invalidParameter("Param file must be a file with one of the following types: "
                                + MediaKind.allMimeTypes() + ". Received file of type '" + mime + "'.")));
        long max = kind == MediaKind.STICKER && MediaSniffer.animatedWebp(file.bytes())
                ? MediaKind.ANIMATED_STICKER_MAX
                : kind.maxBytes;
        if (file.bytes().length > max) {
            throw new GraphException(MetaError.of(
                    131053,
                    "File of type " + mime + " is " + file.bytes().length + " bytes; the maximum is " + max
                            + " bytes."));
        }
        if (sim.switches.sniffMediaContent()) {
            Set<String> compatible = MediaSniffer.compatibleTypes(file.bytes());
            if (compatible != null && !compatible.contains(mime)) {
                throw new GraphException(
                        MetaError.of(131053, "The file's content does not match its declared MIME type " + mime + "."));
            }
        }
        MediaObject stored = sim.media.store(
                sim.ids.numeric(),
                number.wabaId,
                number.id,
                declared.trim(),
                file.bytes(),
                file.filename(),
                MediaStore.UPLOAD_LIFETIME);
        return GraphResponse.ok(Json.object().put("id", stored.id()));
    }

    /** {@code GET /{media_id}[?phone_number_id=]}: a URL valid for 5 minutes (spec 4). */
    GraphResponse get(GraphRequest req, MediaObject media) {
        checkOwner(req, media);
        Instant issued = sim.now();
        String ext = Long.toString(issued.getEpochSecond());
        String url = sim.baseUrl() + DOWNLOAD_PATH + "?mid=" + media.id() + "&source=getMedia&ext=" + ext + "&hash="
                + hash(media.id(), ext);
        ObjectNode body = Json.object();
        body.put("messaging_product", "whatsapp");
        body.put("url", url);
        body.put("mime_type", media.mimeType());
        body.put("sha256", media.sha256Hex());
        body.put("file_size", Long.toString(media.bytes().length));
        body.put("id", media.id());
        return GraphResponse.ok(body);
    }

    GraphResponse delete(GraphRequest req, MediaObject media) {
        checkOwner(req, media);
        sim.media.delete(media.id());
        return GraphResponse.success();
    }

    /**
     * The download route behind the issued URL: bearer token of the owning WABA required, 404 once the URL is
     * older than 5 minutes, the hash does not match, or the media is gone.
     */
    GraphResponse download(GraphRequest req) {
        java.util.Set<String> scope;
        try {
            scope = sim.registry.authenticate(req.authorization);
        } catch (GraphException e) {
            return GraphResponse.json(
                    401, sim.switches.adjust(e.error()).withHttpStatus(401).toResponseBody(sim.ids.trace(23)));
        }
        String mid = req.query.get("mid");
        String ext = req.query.get("ext");
        String hash = req.query.get("hash");
        if (mid == null || ext == null || hash == null || !hash.equals(hash(mid, ext))) {
            return GraphResponse.text(404, "Not Found");
        }
        Instant issued;
        try {
            issued = Instant.ofEpochSecond(Long.parseLong(ext));
        } catch (NumberFormatException e) {
            return GraphResponse.text(404, "Not Found");
        }
        if (!sim.now().isBefore(issued.plus(MediaStore.URL_LIFETIME))) {
            return GraphResponse.text(404, "Not Found");
        }
        return sim.media
                .find(mid)
                .filter(m -> scope.contains(m.wabaId()))
                .map(m -> GraphResponse.binary(m.mimeType(), m.bytes()))
                .orElseGet(() -> GraphResponse.text(404, "Not Found"));
    }

    /** Spec 4: with {@code phone_number_id}, media that belongs to another number is refused. */
    private static void checkOwner(GraphRequest req, MediaObject media) {
        String pnid = req.query.get("phone_number_id");
        if (pnid != null && !pnid.equals(media.phoneNumberId())) {
            throw new GraphException(MetaErrors.unknownObject(req.method, media.id()));
        }
    }

    static void checkProduct(String product) {
        if (!"whatsapp".equals(product)) {
            throw new GraphException(MetaErrors.invalidParameter(
                    "Param messaging_product must be one of {WHATSAPP} - got \"" + product + "\"."));
        }
    }

    private String hash(String mid, String ext) {
        return Signatures.hmac(
                        "HmacSHA256", urlSecret, (mid + ":" + ext).getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .substring(0, 32);
    }
}
