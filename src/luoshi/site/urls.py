from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from luoshi.site import media, throttle

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=throttle.ThrottledAuthenticationForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("public/", include("luoshi.public.urls")),
    path("api/", include("luoshi.api.urls")),
    path("ledger/", include("luoshi.ledger.urls")),
    path("exchange/", include("luoshi.exchange.urls")),
    path("", include("luoshi.tracking.urls")),
]
# Uploaded files, to the people allowed to see them (luoshi.site.media), in every environment.
urlpatterns += [re_path(r"^media/(?P<path>.+)$", media.download, name="media")]
# The admin's login counts failures too.
admin.site.login_form = throttle.ThrottledAdminAuthenticationForm
