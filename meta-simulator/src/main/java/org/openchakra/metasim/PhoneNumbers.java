package org.openchakra.metasim;

/** Phone-number text rules of spec 1.1: {@code +}, {@code -}, {@code ()} and spaces are allowed around digits. */
final class PhoneNumbers {

    private PhoneNumbers() {}

    /** Meta's normalised wa_id: the digits of what was sent. */
    static String digits(String phone) {
        StringBuilder out = new StringBuilder(phone.length());
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (c >= '0' && c <= '9') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** True when only digits and the allowed punctuation appear, with 7 to 15 digits (E.164 length). */
    static boolean isValid(String phone) {
        if (phone == null || phone.isBlank()) {
            return false;
        }
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            boolean allowed = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '(' || c == ')' || c == ' ';
            if (!allowed) {
                return false;
            }
        }
        int count = digits(phone).length();
        return count >= 7 && count <= 15;
    }
}
