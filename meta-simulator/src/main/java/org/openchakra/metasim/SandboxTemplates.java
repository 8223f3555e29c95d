package org.openchakra.metasim;

import java.util.List;

/**
 * The approved templates every sandbox WABA gets (whatsapp.md section 9): {@code hello_world} without variables,
 * one with body variables, one with an image header and a URL button, one authentication template.
 */
public final class SandboxTemplates {

    public static final String HELLO_WORLD = "hello_world";
    public static final String ORDER_UPDATE = "order_update";
    public static final String SEASONAL_PROMO = "seasonal_promo";
    public static final String VERIFICATION_CODE = "verification_code";
    public static final String LANGUAGE = "en_US";

    private SandboxTemplates() {}

    public static List<TemplateSpec> all() {
        return List.of(
                TemplateSpec.approved(HELLO_WORLD, LANGUAGE, "UTILITY", """
            [{"type": "HEADER", "format": "TEXT", "text": "Hello World"},
             {"type": "BODY", "text": "Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta. Thank you for taking the time to test with us."},
             {"type": "FOOTER", "text": "WhatsApp Business Platform sample message"}]"""),
                TemplateSpec.approved(ORDER_UPDATE, LANGUAGE, "UTILITY", """
            [{"type": "BODY", "text": "Hi {{1}}, your order {{2}} has shipped and will arrive on {{3}}.",
              "example": {"body_text": [["Pablo", "#1234", "Monday"]]}},
             {"type": "FOOTER", "text": "Reply STOP to opt out"}]"""),
                TemplateSpec.approved(SEASONAL_PROMO, LANGUAGE, "MARKETING", """
            [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}},
             {"type": "BODY", "text": "Hi {{1}}, our summer sale is on: {{2}} off everything this week.",
              "example": {"body_text": [["Pablo", "25%"]]}},
             {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Shop now",
               "url": "https://shop.example.com/sale/{{1}}", "example": ["https://shop.example.com/sale/summer"]}]}]"""),
                TemplateSpec.approved(VERIFICATION_CODE, LANGUAGE, "AUTHENTICATION", """
            [{"type": "BODY", "add_security_recommendation": true},
             {"type": "FOOTER", "code_expiration_minutes": 10},
             {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}]"""));
    }
}
