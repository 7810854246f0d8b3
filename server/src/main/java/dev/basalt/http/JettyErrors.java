package dev.basalt.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.basalt.error.ApiException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before a request reaches Javalin (a URI or headers too long, a malformed
 * request line) in the same JSON envelope as every other error, instead of Jetty's HTML page.
 */
final class JettyErrors extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(envelope(code)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(envelope(status));
    }

    private static byte[] envelope(int code) {
        String message = switch (code) {
            case 400 -> "Something went wrong while processing your request.";
            case 404 -> "The requested resource wasn't found.";
            case 413 -> "Request entity too large.";
            default -> HttpStatus.getMessage(code);
        };
        try {
            return Json.MAPPER.writeValueAsBytes(ErrorEnvelope.of(new ApiException(code, message, Map.of())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
