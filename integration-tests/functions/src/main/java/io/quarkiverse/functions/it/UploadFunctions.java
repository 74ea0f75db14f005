package io.quarkiverse.functions.it;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.jboss.logging.Logger;

import io.quarkus.funqy.Funq;

// tag::uploaded[]
public class UploadFunctions {

    private static final Logger LOG = Logger.getLogger(UploadFunctions.class);

    /**
     * What a storage service reports about a stored object; the fields not named here are ignored. Cloud Storage
     * writes the size as a JSON string (an int64 in Google's JSON), and inputs are read strictly, so it is one here.
     */
    public record StoredObject(@NotBlank String bucket, @NotBlank String name, String contentType,
            @Pattern(regexp = "[0-9]{1,18}") String size) {
    }

    public record Upload(String path, String contentType, long size) {
    }

    /** Takes an object-stored event's data: over HTTP, or from a Cloud Storage trigger. */
    @Funq
    public Upload uploaded(StoredObject object) {
        long size = object.size() == null ? 0 : Long.parseLong(object.size());
        LOG.infof("Recording an upload of %d bytes", size);
        return new Upload(object.bucket() + "/" + object.name(), object.contentType(), size);
    }
}
// end::uploaded[]
