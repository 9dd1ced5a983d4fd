package org.relief.volunteer.rest;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.relief.volunteer.domain.Skill;

/** The skill catalogue as a tree; any signed-in caller may read it (requests name skills too). */
@Path("/skills")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Skills")
@Authenticated
public class SkillResource {

    @Schema(name = "Skill")
    public record Dto(String code, String en, String zh, List<Dto> children) {
        static Dto of(Skill s) {
            return new Dto(
                    s.code(), s.en(), s.zh(), s.children().stream().map(Dto::of).toList());
        }
    }

    @GET
    @Operation(
            summary = "The skill catalogue: top-level skills with their more specific children",
            description = "The codes volunteers and calls may name, with Chinese and English labels. A call asking "
                    + "for a skill is matched by volunteers with that skill or one of its children.")
    public List<Dto> tree() {
        return Skill.roots().stream().map(Dto::of).toList();
    }
}
