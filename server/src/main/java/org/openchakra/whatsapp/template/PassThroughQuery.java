package org.openchakra.whatsapp.template;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.openchakra.web.ApiException;

/**
 * A query string passed through to Meta: decoded, bounded, and encoded again, so that what reaches
 * Meta is well formed whatever the caller wrote. Credentials in it are dropped: Meta's calls carry the
 * plugin's token, and Meta's paging links would otherwise hand a token back to the caller.
 */
public final class PassThroughQuery {

    static final int MAX_LENGTH = 8 * 1024;
    static final int MAX_PARAMETERS = 50;
    private static final Set<String> CREDENTIALS = Set.of("access_token", "appsecret_proof");

    public record Parameter(String name, String value) {}

    private final List<Parameter> parameters;

    private PassThroughQuery(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
    }

    /** The caller's raw query string ({@code request.getQueryString()}); 400 when it cannot be passed on. */
    public static PassThroughQuery parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            return new PassThroughQuery(List.of());
        }
        if (raw.length() > MAX_LENGTH) {
            throw ApiException.badRequest(null, "The query string is longer than " + MAX_LENGTH + " characters");
        }
        String[] pairs = raw.split("&");
        if (pairs.length > MAX_PARAMETERS) {
            throw ApiException.badRequest(null, "The query string has more than " + MAX_PARAMETERS + " parameters");
        }
        List<Parameter> parameters = new ArrayList<>();
        for (String pair : pairs) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!name.isEmpty() && !CREDENTIALS.contains(name)) {
                parameters.add(new Parameter(name, value));
            }
        }
        return new PassThroughQuery(parameters);
    }

    public Optional<String> get(String name) {
        return parameters.stream()
                .filter(p -> p.name().equals(name))
                .map(Parameter::value)
                .findFirst();
    }

    /** These parameters without the given names. */
    public PassThroughQuery without(Set<String> names) {
        return new PassThroughQuery(
                parameters.stream().filter(p -> !names.contains(p.name())).toList());
    }

    /** These parameters with {@code other}'s in place of any of the same name, {@code other}'s new ones last. */
    public PassThroughQuery overriddenBy(PassThroughQuery other) {
        Set<String> replaced = other.parameters.stream().map(Parameter::name).collect(Collectors.toSet());
        List<Parameter> merged = new ArrayList<>(without(replaced).parameters);
        merged.addAll(other.parameters);
        return new PassThroughQuery(merged);
    }

    /** {@code ?a=1&b=2}, or the empty string when there are no parameters. */
    public String suffix() {
        if (parameters.isEmpty()) {
            return "";
        }
        return parameters.stream()
                .map(p -> encode(p.name()) + "=" + encode(p.value()))
                .collect(Collectors.joining("&", "?", ""));
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(null, "Malformed query string: a bad %-escape");
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
