package org.openchakra.whatsapp.partner;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.openchakra.web.ErrorDetail;
import org.springframework.http.HttpStatus;

/**
 * What a client types into the connect page for a Cloud API account. Phone-number ids are optional:
 * none means every number Meta lists for the WABA.
 */
record CloudForm(String wabaId, List<String> phoneNumberIds, String accessToken, String appSecret) {

    private static final Pattern META_ID = Pattern.compile("\\d{1,30}");
    private static final int SECRET_MAX = 2048;
    private static final int MAX_NUMBERS = 100;

    /** The fields as posted (any may be null); 400 naming every bad field. */
    static CloudForm read(String wabaId, String numbers, String accessToken, String appSecret) {
        List<ErrorDetail> problems = new ArrayList<>();
        String waba = wabaId == null ? "" : wabaId.strip();
        if (!META_ID.matcher(waba).matches()) {
            problems.add(ErrorDetail.invalid(
                    "wabaId", waba.isEmpty() ? "The WABA id is required" : "The WABA id must be Meta's numeric id"));
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : (numbers == null ? "" : numbers).split("[\\s,;]+")) {
            if (id.isEmpty()) {
                continue;
            }
            if (!META_ID.matcher(id).matches()) {
                problems.add(ErrorDetail.invalid("phoneNumberIds", "Phone-number ids must be Meta's numeric ids"));
                break;
            }
            ids.add(id);
        }
        if (ids.size() > MAX_NUMBERS) {
            problems.add(ErrorDetail.invalid("phoneNumberIds", "At most " + MAX_NUMBERS + " phone-number ids"));
        }
        String token = secret("accessToken", "access token", accessToken, problems);
        String secret = secret("appSecret", "app secret", appSecret, problems);
        if (!problems.isEmpty()) {
            throw ConnectRefused.form(HttpStatus.BAD_REQUEST, problems);
        }
        return new CloudForm(waba, List.copyOf(ids), token, secret);
    }

    /** It goes into an Authorization header or an HMAC key: printable ASCII without spaces only. */
    private static String secret(String field, String label, String value, List<ErrorDetail> problems) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            problems.add(ErrorDetail.invalid(field, "The " + label + " is required"));
        } else if (v.length() > SECRET_MAX || v.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            problems.add(ErrorDetail.invalid(field, "The " + label + " must be printable ASCII without spaces"));
        }
        return v;
    }

    @Override
    public String toString() {
        return "CloudForm[wabaId=" + wabaId + ", phoneNumberIds=" + phoneNumberIds + ", secrets hidden]";
    }
}
