package org.openchakra.metasim;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Registered WABAs, phone numbers and access tokens; answers "who may touch which object" (spec 8.2). */
final class Registry {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-_.]+");

    private final Clock clock;
    private final Map<String, Business> businesses = new ConcurrentHashMap<>();
    private final Map<String, PhoneNumber> numbers = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> tokenScopes = new ConcurrentHashMap<>();
    private final Set<String> expiredTokens = ConcurrentHashMap.newKeySet();

    Registry(Clock clock) {
        this.clock = clock;
    }

    void register(BusinessAccountSpec spec) {
        Business business = businesses.computeIfAbsent(
                spec.wabaId(),
                id -> new Business(id, spec.name(), spec.appSecret(), spec.webhookUrl(), spec.verifyToken()));
        business.webhook(spec.webhookUrl(), spec.verifyToken(), spec.appSecret());
        for (PhoneNumberSpec n : spec.phoneNumbers()) {
            PhoneNumber owner = numbers.get(n.id());
            if (owner != null && !owner.wabaId.equals(spec.wabaId())) {
                throw new IllegalArgumentException("phone number " + n.id() + " belongs to WABA " + owner.wabaId);
            }
            PhoneNumber number = new PhoneNumber(n, spec.wabaId(), clock);
            numbers.put(n.id(), number);
            business.numbers.put(n.id(), number);
        }
        for (String token : spec.accessTokens()) {
            addToken(token, spec.wabaId());
        }
    }

    void addToken(String token, String wabaId) {
        if (!TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("tokens are [A-Za-z0-9-_.]+ like Meta's");
        }
        tokenScopes.computeIfAbsent(token, t -> ConcurrentHashMap.newKeySet()).add(wabaId);
        expiredTokens.remove(token);
    }

    void expireToken(String token) {
        expiredTokens.add(token);
    }

    /** The WABAs a bearer token may act on; throws 190 when it is missing, unparseable, unknown or expired. */
    Set<String> authenticate(String authorizationHeader) {
        if (authorizationHeader == null) {
            throw new GraphException(MetaErrors.invalidToken());
        }
        String header = authorizationHeader.trim();
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new GraphException(MetaErrors.invalidToken());
        }
        String token = header.substring(7).trim();
        if (expiredTokens.contains(token)) {
            throw new GraphException(MetaErrors.expiredToken());
        }
        Set<String> scope = TOKEN.matcher(token).matches() ? tokenScopes.get(token) : null;
        if (scope == null) {
            throw new GraphException(MetaErrors.invalidToken());
        }
        return scope;
    }

    Optional<Business> business(String wabaId) {
        return Optional.ofNullable(businesses.get(wabaId));
    }

    Optional<PhoneNumber> number(String phoneNumberId) {
        return Optional.ofNullable(numbers.get(phoneNumberId));
    }

    Business businessOf(PhoneNumber number) {
        return businesses.get(number.wabaId);
    }

    Business requireBusiness(String wabaId) {
        return business(wabaId).orElseThrow(() -> new IllegalArgumentException("unknown WABA " + wabaId));
    }

    PhoneNumber requireNumber(String phoneNumberId) {
        return number(phoneNumberId)
                .orElseThrow(() -> new IllegalArgumentException("unknown phone number id " + phoneNumberId));
    }

    java.util.Collection<Business> businesses() {
        return businesses.values();
    }
}
