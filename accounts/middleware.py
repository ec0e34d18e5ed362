def private_pages(get_response):
    """Signed-in pages must never be kept by a shared browser or a proxy."""

    def middleware(request):
        response = get_response(request)
        if request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response

    return middleware
