package dev.flywheel.platform.web;

/** The API speaks snake_case; Java speaks camelCase. Field errors are reported in the API's names. */
public final class JsonNames {

    private JsonNames() {
    }

    public static String snake(String javaName) {
        if (javaName == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(javaName.length() + 4);
        for (char c : javaName.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
