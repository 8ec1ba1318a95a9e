from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("luoshi.tracking.urls")),
]
# Evidence files: served by Django only in development and the demo; behind a real server in
# production (and then only to logged-in users, which is left to the deployment).
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
