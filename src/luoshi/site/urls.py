from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import include, path, re_path
from django.views.static import serve

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("public/", include("luoshi.public.urls")),
    path("api/", include("luoshi.api.urls")),
    path("ledger/", include("luoshi.ledger.urls")),
    path("exchange/", include("luoshi.exchange.urls")),
    path("", include("luoshi.tracking.urls")),
]
# Evidence files: Django serves them (to logged-in users) only in the demo and development; a
# deployment puts them behind its web server.
if settings.LUOSHI_SERVE_MEDIA:
    urlpatterns += [
        re_path(
            r"^media/(?P<path>.*)$",
            login_required(serve),
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
