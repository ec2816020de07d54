"""/v1/embedding-recipes: the stored embedding recipes (how vectors were made) with their
vector shape and how many vectors each has. Read-only: recipes are stored by embedding jobs."""

from __future__ import annotations

from protea_entrypoints.api.schemas.predictions import (
    EmbeddingRecipeListOut,
    EmbeddingRecipeOut,
    RecipePath,
)
from protea_entrypoints.api.spec import ApiRoute, Call, Reply


def listing(call: Call) -> Reply:
    with call.deps.embedding_uow() as uow:
        items = [
            EmbeddingRecipeOut.of(recipe, uow.embeddings.count_vectors(recipe.recipe_hash))
            for recipe in uow.embeddings.recipes()
        ]
    return Reply(EmbeddingRecipeListOut(items=items))


def detail(call: Call) -> Reply:
    path: RecipePath = call.path
    with call.deps.embedding_uow() as uow:
        recipe = uow.embeddings.get_recipe(path.recipe_hash)
        count = uow.embeddings.count_vectors(recipe.recipe_hash)
    return Reply(EmbeddingRecipeOut.of(recipe, count))


TAG = "embeddings"
ROUTES = [
    ApiRoute("GET", "/embedding-recipes", listing, "listEmbeddingRecipes",
             "Stored embedding recipes, by hash", TAG, {200: EmbeddingRecipeListOut}),
    ApiRoute("GET", "/embedding-recipes/{recipe_hash}", detail, "getEmbeddingRecipe",
             "One embedding recipe with its vector count", TAG, {200: EmbeddingRecipeOut},
             path_model=RecipePath, problems=(404, 422)),
]  # fmt: skip
