package org.relief.inventory.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.relief.kernel.testing.RealInfrastructure;

/** The OpenAPI document: every creating POST documents Idempotency-Key and its 422; donations carry zh/en examples. */
@QuarkusTest
@WithTestResource(RealInfrastructure.class)
class OpenApiTest {

    @Test
    void creatingPostsDocumentTheirIdempotencyKeyAndDonationsHaveChineseAndEnglishExamples() {
        var doc = org.relief.kernel.testing.Management.given()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200);
        for (String path :
                new String[] {"/donations", "/warehouses", "/items", "/stock/adjustments", "/stock/reversals"}) {
            doc.body("paths.'" + path + "'.post.parameters.name", hasItem("Idempotency-Key"))
                    .body("paths.'" + path + "'.post.responses.'422'.description", containsString("Idempotency-Key"));
        }
        doc.body("paths.'/donations'.post.requestBody.content.'application/json'.examples.zh.value", notNullValue())
                .body(
                        "paths.'/donations'.post.requestBody.content.'application/json'.examples.zh.summary",
                        containsString("捐赠"))
                .body(
                        "paths.'/donations'.post.requestBody.content.'application/json'.examples.en.value",
                        notNullValue())
                .body(
                        "paths.'/donations'.post.requestBody.content.'application/json'.schema.$ref",
                        endsWith("ReceiveDonation"));
    }
}
