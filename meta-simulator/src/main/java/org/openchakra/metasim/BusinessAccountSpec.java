package org.openchakra.metasim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A WhatsApp Business Account to register: its numbers, the access tokens allowed to use it, and the app that
 * receives its webhooks (app secret for signatures, callback URL, verify token). Build with {@link #builder}.
 */
public final class BusinessAccountSpec {

    private final String wabaId;
    private final String name;
    private final List<String> accessTokens;
    private final String appSecret;
    private final String webhookUrl;
    private final String verifyToken;
    private final List<PhoneNumberSpec> phoneNumbers;

    private BusinessAccountSpec(Builder b) {
        this.wabaId = Objects.requireNonNull(b.wabaId, "wabaId");
        this.name = b.name;
        this.accessTokens = List.copyOf(b.accessTokens);
        this.appSecret = Objects.requireNonNull(b.appSecret, "appSecret");
        this.webhookUrl = b.webhookUrl;
        this.verifyToken = b.verifyToken;
        this.phoneNumbers = List.copyOf(b.phoneNumbers);
    }

    public static Builder builder(String wabaId) {
        return new Builder(wabaId);
    }

    public String wabaId() {
        return wabaId;
    }

    public String name() {
        return name;
    }

    public List<String> accessTokens() {
        return accessTokens;
    }

    public String appSecret() {
        return appSecret;
    }

    public String webhookUrl() {
        return webhookUrl;
    }

    public String verifyToken() {
        return verifyToken;
    }

    public List<PhoneNumberSpec> phoneNumbers() {
        return phoneNumbers;
    }

    /** Builder of {@link BusinessAccountSpec}. */
    public static final class Builder {
        private final String wabaId;
        private String name = "OpenChakra Sandbox";
        private final List<String> accessTokens = new ArrayList<>();
        private String appSecret = "sandbox-app-secret";
        private String webhookUrl;
        private String verifyToken = "sandbox-verify-token";
        private final List<PhoneNumberSpec> phoneNumbers = new ArrayList<>();

        private Builder(String wabaId) {
            this.wabaId = wabaId;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** A bearer token that may act on this WABA, its numbers, templates and media. */
        public Builder accessToken(String token) {
            this.accessTokens.add(Objects.requireNonNull(token));
            return this;
        }

        public Builder appSecret(String value) {
            this.appSecret = value;
            return this;
        }

        /** Callback URL for every webhook of this WABA; null keeps webhooks in the log only. */
        public Builder webhookUrl(String value) {
            this.webhookUrl = value;
            return this;
        }

        public Builder verifyToken(String value) {
            this.verifyToken = value;
            return this;
        }

        public Builder phoneNumber(PhoneNumberSpec number) {
            this.phoneNumbers.add(Objects.requireNonNull(number));
            return this;
        }

        /** Shortcut for a production number (80 mps). */
        public Builder phoneNumber(String phoneNumberId, String displayPhoneNumber) {
            return phoneNumber(PhoneNumberSpec.of(phoneNumberId, displayPhoneNumber));
        }

        public BusinessAccountSpec build() {
            return new BusinessAccountSpec(this);
        }
    }
}
