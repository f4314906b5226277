package io.propdesk.platform.web;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import java.io.IOException;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A free-text field (a description, note, reason, comment): the only strings of a request that may hold a newline
 * or a tab. Every other string of a request body refuses control characters (see RequestJson).
 */
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER})
@JacksonAnnotationsInside
@JsonDeserialize(using = FreeText.Deserializer.class)
public @interface FreeText {

    /** Strings of a free-text field: no control character but newline and tab. */
    class Deserializer extends StdScalarDeserializer<String> {

        public Deserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return RequestJson.checked(StringDeserializer.instance.deserialize(p, ctxt), true, p, ctxt);
        }
    }
}
