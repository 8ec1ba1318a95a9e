from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from luoshi.site import media, throttle

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=throttle.ThrottledAuthenticationForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # The language switch changes only the reader's language cookie: without a CSRF token its
    # form leaves pages free of per-visitor tokens, so the public's pages can be shared.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("public/", include("luoshi.public.urls")),
    path("api/", include("luoshi.api.urls")),
    path("ledger/", include("luoshi.ledger.urls")),
    path("exchange/", include("luoshi.exchange.urls")),
    path("notices/", include("luoshi.notices.urls")),
    path("basedata/", include("luoshi.tracking.basedata_urls")),
    path("", include("luoshi.tracking.urls")),
]
# Uploaded files, to the people allowed to see them (luoshi.site.media), in every environment.
urlpatterns += [re_path(r"^media/(?P<path>.+)$", media.download, name="media")]
# The admin's login counts failures too.
admin.site.login_form = throttle.ThrottledAdminAuthenticationForm
