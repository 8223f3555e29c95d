package org.openchakra.photo;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.util.ArrayList;
import java.util.List;
import org.openchakra.web.ApiException;
import org.openchakra.web.ErrorDetail;
import org.openchakra.web.MultipartForms;
import org.springframework.core.io.InputStreamSource;
import org.springframework.http.HttpStatus;

/**
 * The upload form of {@code POST /v1/ext/photo}: the {@code photo} file part (required) and the optional
 * text fields {@code filename} and {@code filetype}, checked, with one message per problem.
 *
 * <p>{@code content} streams the part (Tomcat keeps parts on disk); {@code partContentType} and
 * {@code size} are what the part's headers and the container say.
 */
record PhotoForm(InputStreamSource content, long size, String filename, String filetype, String partContentType) {

    static final String PHOTO = "photo";

    static PhotoForm read(HttpServletRequest request) {
        List<Part> photos = MultipartForms.fileParts(request, PHOTO);
        List<ErrorDetail> problems = new ArrayList<>();
        Part photo = MultipartForms.single(photos, PHOTO, problems);
        String filename = MultipartForms.text(request, "filename", problems);
        String filetype = MultipartForms.text(request, "filetype", problems);
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, problems);
        }
        return new PhotoForm(
                photo::getInputStream,
                photo.getSize(),
                filename != null ? filename : MultipartForms.submittedName(photo),
                filetype,
                photo.getContentType());
    }
}
